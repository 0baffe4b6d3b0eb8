//! `window.guanxi`, the page's functions for outside tests and benchmarks (the front end
//! only makes each name a function of one argument that calls [`Session::test_call`]):
//! - `screenPosition(id)`: the node's position `{x, y}` in CSS pixels relative to the canvas,
//!   so a test can click the node itself (`"e12"`, a stable id, or `12`);
//! - `isVisible(id)`: whether the node passes the filters (is drawn);
//! - `entityKey(id)`: the entity's key in links (`place:%E6...`);
//! - `drawnEdges()`: the edges the last frame drew by kind (`within=3 co_occurs=9`);
//! - `importRan()`: where the last large import was extracted (`worker`, `main-thread`, or
//!   `null` before any);
//! - `aggregates()`: the camera's scale and the communities drawn as one disc each in the
//!   last frame (`{scale, list: [{x, y, r, count, label, click}]}`, in CSS pixels, `click`
//!   a point where a click reaches it, or null; see
//!   `app::lod::aggregate`);
//! - `saved()`: `{generation, writing}`, the generation of the saved work this tab read or
//!   wrote last, and whether a write of it runs (see `save`).

use super::Session;
use serde_json::{json, Value};

/// The functions' names.
pub const TEST_API: [&str; 7] = [
    "screenPosition",
    "isVisible",
    "entityKey",
    "drawnEdges",
    "importRan",
    "aggregates",
    "saved",
];

impl Session {
    /// Calls `window.guanxi[name]` with an argument that is a string (`text`) or a number.
    pub fn test_call(&self, name: &str, text: Option<&str>, number: Option<f64>) -> Option<Value> {
        let ex = &self.explorer;
        let entity = |number| ex.entity_of_test_arg(text, number);
        match name {
            "screenPosition" => {
                let (x, y) = ex.screen_position(entity(number)?)?;
                Some(json!({ "x": x, "y": y }))
            }
            "isVisible" => Some(ex.is_visible(entity(None)?).into()),
            "entityKey" => Some(crate::app::view::entity_key(&ex.x, entity(None)?)?.into()),
            "drawnEdges" => Some(ex.drawn_edge_kinds().into()),
            "importRan" => self.import_ran.map(Value::from),
            "aggregates" => {
                let list: Vec<Value> = ex
                    .scene_aggregates()
                    .iter()
                    .map(|a| {
                        let (x, y) = ex.camera.screen_from_world(a.centre.0, a.centre.1);
                        let label = ex.x.entity(a.label).map(|e| e.label.as_str());
                        // Where a click reaches it (no node drawn over it there).
                        let click = ex
                            .aggregate_click_point(a)
                            .map(|(x, y)| json!({ "x": x, "y": y }));
                        json!({ "x": x, "y": y, "r": a.radius(), "count": a.count,
                            "label": label, "click": click })
                    })
                    .collect();
                Some(json!({ "scale": ex.camera.scale, "list": list }))
            }
            "saved" => {
                let (generation, writing) = self.saving_state();
                Some(json!({ "generation": generation, "writing": writing }))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::app::session::tests::{cmd, session};
    use crate::app::session::*;
    use serde_json::json;

    #[test]
    fn the_test_api_answers_by_name() {
        let mut s = session().with_large_corpus(1);
        assert_eq!(
            s.test_call("isVisible", Some("e0"), None),
            Some(json!(true))
        );
        let pos = s
            .test_call("screenPosition", None, Some(0.0))
            .expect("a node");
        assert!(pos["x"].is_number() && pos["y"].is_number());
        assert!(s.test_call("entityKey", Some("e0"), None).is_some());
        assert_eq!(s.test_call("isVisible", Some("e999"), None), None);
        assert_eq!(s.test_call("nope", None, None), None);
        assert_eq!(s.test_call("importRan", None, None), None);
        let saved = json!({ "generation": 0, "writing": false });
        assert_eq!(s.test_call("saved", None, None), Some(saved));
        s.set_worker(true);
        let page = "第一篇\n\n本报讯（王明）河南省洛阳市举办活动。\n";
        cmd(&mut s, Command::Paste(page.into()));
        assert_eq!(s.test_call("importRan", None, None), Some(json!("worker")));
        let why = "blocked".to_owned();
        let seq = crate::io::offload::ANY_SEQ;
        cmd(&mut s, Command::WorkerFailed { seq, why });
        assert_eq!(
            s.test_call("importRan", None, None),
            Some(json!("main-thread"))
        );
    }
}
