//! Exports to the tools people use: GEXF (Gephi, Gephi Lite), GraphML, CSV (Excel-friendly:
//! UTF-8 with BOM), the graph JSON of `guanxi extract` (re-importable), and SVG of a drawn view.
//! Every string is escaped for its format, so text from the corpus stays inert data.

use crate::model::{Entity, EntityId, Extraction, Relation, RelationId, RelationKind};
use crate::render::theme::{rgb, Theme};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// GEXF 1.3.
    Gexf,
    /// GraphML.
    Graphml,
    /// Nodes and edges tables.
    Csv,
    /// The `extract` JSON schema.
    Json,
    /// `neo4j-admin database import` CSV files ([`super::neo4j`]).
    Neo4j,
}

impl Format {
    /// Parses `gexf`, `graphml`, `csv`, `json`, `neo4j`.
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "neo4j" => Some(Format::Neo4j),
            "gexf" => Some(Format::Gexf),
            "graphml" => Some(Format::Graphml),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// The part of an extraction that passes `keep_entity` and `keep_relation` (a filtered view),
/// re-numbered densely so the result is a valid extraction on its own. Relations whose ends were
/// dropped are dropped; `authored` relations follow their author.
pub fn subset(
    x: &Extraction,
    keep_entity: impl Fn(EntityId) -> bool,
    keep_relation: impl Fn(RelationId) -> bool,
) -> Extraction {
    let mut map: BTreeMap<EntityId, EntityId> = BTreeMap::new();
    let mut entities = Vec::new();
    for e in x.entities.iter().filter(|e| keep_entity(e.id)) {
        let id = EntityId(entities.len() as u32);
        map.insert(e.id, id);
        entities.push(Entity { id, ..e.clone() });
    }
    let relations = x
        .relations_with_ids()
        .filter(|(i, r)| r.kind == RelationKind::Authored || keep_relation(*i))
        .filter_map(|(_, r)| {
            Some(Relation {
                source: *map.get(&r.source)?,
                target: *map.get(&r.target)?,
                ..r.clone()
            })
        })
        .collect();
    Extraction {
        articles: x.articles.clone(),
        entities,
        relations,
    }
}

pub use crate::render::markup::xml_escape;

/// Importance, degree and community of every entity (indexed by entity id), carried by the
/// exports as node attributes. Computed by `graph::analysis`; empty values export as 0.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeMeasures {
    /// PageRank over evidence strength (sums to 1 over the whole graph).
    pub importance: Vec<f64>,
    /// Distinct neighbours.
    pub degree: Vec<u32>,
    /// Community number (0 the largest).
    pub community: Vec<u32>,
}

impl NodeMeasures {
    fn of(&self, e: EntityId) -> (f64, u32, u32) {
        let i = e.index();
        (
            self.importance.get(i).copied().unwrap_or(0.0),
            self.degree.get(i).copied().unwrap_or(0),
            self.community.get(i).copied().unwrap_or(0),
        )
    }

    /// The measures of the entities `keep_entity` accepts, numbered as [`subset`] numbers
    /// them (the values stay those of the whole graph).
    pub fn subset(&self, x: &Extraction, keep_entity: impl Fn(EntityId) -> bool) -> NodeMeasures {
        let mut out = NodeMeasures::default();
        for e in x.entities.iter().filter(|e| keep_entity(e.id)) {
            let (i, d, c) = self.of(e.id);
            out.importance.push(i);
            out.degree.push(d);
            out.community.push(c);
        }
        out
    }
}

fn edges(x: &Extraction) -> impl Iterator<Item = (RelationId, &Relation)> {
    x.relations_with_ids().filter(|(_, r)| r.is_edge())
}

/// GEXF 1.3 with kind, mention, importance, degree and community attributes and the app's
/// colours (Gephi shows them as is).
pub fn gexf(x: &Extraction, m: &NodeMeasures) -> String {
    let mut o = String::new();
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    o.push_str("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n");
    o.push_str("  <meta><creator>guanxi</creator><description>entities and relations extracted from news</description></meta>\n");
    o.push_str("  <graph defaultedgetype=\"directed\" mode=\"static\">\n");
    o.push_str("    <attributes class=\"node\">\n      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n      <attribute id=\"mentions\" title=\"mentions\" type=\"integer\"/>\n      <attribute id=\"aliases\" title=\"aliases\" type=\"string\"/>\n      <attribute id=\"importance\" title=\"importance\" type=\"double\"/>\n      <attribute id=\"degree\" title=\"degree\" type=\"integer\"/>\n      <attribute id=\"community\" title=\"community\" type=\"integer\"/>\n    </attributes>\n");
    o.push_str("    <attributes class=\"edge\">\n      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n      <attribute id=\"label\" title=\"label\" type=\"string\"/>\n    </attributes>\n");
    o.push_str("    <nodes>\n");
    for e in &x.entities {
        let [r, g, b] = rgb(Theme::NORMAL.kind(e.kind));
        let (importance, degree, community) = m.of(e.id);
        let _ = writeln!(
            o,
            "      <node id=\"{}\" label=\"{}\"><attvalues><attvalue for=\"kind\" value=\"{}\"/><attvalue for=\"mentions\" value=\"{}\"/><attvalue for=\"aliases\" value=\"{}\"/><attvalue for=\"importance\" value=\"{importance}\"/><attvalue for=\"degree\" value=\"{degree}\"/><attvalue for=\"community\" value=\"{community}\"/></attvalues><viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/><viz:size value=\"{}\"/></node>",
            e.id,
            xml_escape(&e.label),
            e.kind.as_str(),
            e.mentions.len(),
            xml_escape(&e.aliases.join("|")),
            3.0 + (e.mentions.len() as f32).sqrt() * 2.0
        );
    }
    o.push_str("    </nodes>\n    <edges>\n");
    for (i, r) in edges(x) {
        let _ = writeln!(
            o,
            "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" weight=\"{}\" label=\"{}\"><attvalues><attvalue for=\"kind\" value=\"{}\"/><attvalue for=\"label\" value=\"{}\"/></attvalues></edge>",
            r.source,
            r.target,
            r.weight,
            r.kind.as_str(),
            r.kind.as_str(),
            xml_escape(r.label.as_deref().unwrap_or(""))
        );
    }
    o.push_str("    </edges>\n  </graph>\n</gexf>\n");
    o
}

/// GraphML with typed keys for kind, mentions, aliases, importance, degree, community,
/// relation kind, label and weight.
pub fn graphml(x: &Extraction, m: &NodeMeasures) -> String {
    let mut o = String::new();
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    o.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
    for (id, for_, name, ty) in [
        ("label", "node", "label", "string"),
        ("kind", "node", "kind", "string"),
        ("mentions", "node", "mentions", "int"),
        ("aliases", "node", "aliases", "string"),
        ("importance", "node", "importance", "double"),
        ("degree", "node", "degree", "int"),
        ("community", "node", "community", "int"),
        ("rkind", "edge", "kind", "string"),
        ("rlabel", "edge", "label", "string"),
        ("weight", "edge", "weight", "double"),
    ] {
        let _ = writeln!(
            o,
            "  <key id=\"{id}\" for=\"{for_}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    o.push_str("  <graph id=\"guanxi\" edgedefault=\"directed\">\n");
    for e in &x.entities {
        let (importance, degree, community) = m.of(e.id);
        let _ = writeln!(
            o,
            "    <node id=\"{}\"><data key=\"label\">{}</data><data key=\"kind\">{}</data><data key=\"mentions\">{}</data><data key=\"aliases\">{}</data><data key=\"importance\">{importance}</data><data key=\"degree\">{degree}</data><data key=\"community\">{community}</data></node>",
            e.id,
            xml_escape(&e.label),
            e.kind.as_str(),
            e.mentions.len(),
            xml_escape(&e.aliases.join("|"))
        );
    }
    for (i, r) in edges(x) {
        let _ = writeln!(
            o,
            "    <edge id=\"{i}\" source=\"{}\" target=\"{}\"><data key=\"rkind\">{}</data><data key=\"rlabel\">{}</data><data key=\"weight\">{}</data></edge>",
            r.source,
            r.target,
            r.kind.as_str(),
            xml_escape(r.label.as_deref().unwrap_or("")),
            r.weight
        );
    }
    o.push_str("  </graph>\n</graphml>\n");
    o
}

fn csv_field(s: &str) -> String {
    // Quote always; double inner quotes. A leading = + - @ would be a formula in Excel.
    let guarded = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

/// `(nodes.csv, edges.csv)`, each UTF-8 with a BOM so Excel reads the Chinese correctly.
pub fn csv(x: &Extraction, m: &NodeMeasures) -> (String, String) {
    let mut nodes =
        String::from("\u{feff}id,label,kind,mentions,aliases,importance,degree,community\r\n");
    for e in &x.entities {
        let (importance, degree, community) = m.of(e.id);
        let _ = write!(
            nodes,
            "{},{},{},{},{},{importance},{degree},{community}\r\n",
            e.id,
            csv_field(&e.label),
            e.kind.as_str(),
            e.mentions.len(),
            csv_field(&e.aliases.join("|"))
        );
    }
    let mut es =
        String::from("\u{feff}source,target,source_label,target_label,kind,label,weight\r\n");
    for (_, r) in edges(x) {
        let label = |id: EntityId| x.entity(id).map_or("", |e| e.label.as_str());
        let _ = write!(
            es,
            "{},{},{},{},{},{},{}\r\n",
            r.source,
            r.target,
            csv_field(label(r.source)),
            csv_field(label(r.target)),
            r.kind.as_str(),
            csv_field(r.label.as_deref().unwrap_or("")),
            r.weight
        );
    }
    (nodes, es)
}

/// The `extract` JSON document.
pub fn json(x: &Extraction) -> String {
    serde_json::to_string_pretty(x).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// The `extract` JSON document with a `measures` member: `importance`, `degree` and
/// `community` arrays indexed by entity id (readers of the schema ignore it; the CLI
/// re-imports the document as is).
pub fn json_with(x: &Extraction, m: &NodeMeasures) -> String {
    let mut doc = match serde_json::to_value(x) {
        Ok(v) => v,
        Err(e) => return format!("{{\"error\":\"{e}\"}}"),
    };
    if let Some(obj) = doc.as_object_mut() {
        obj.insert(
            "measures".to_owned(),
            serde_json::json!({
                "importance": m.importance,
                "degree": m.degree,
                "community": m.community,
            }),
        );
    }
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{corpus::Draft, extract_with};

    fn sample() -> Extraction {
        let d = Draft {
            title: "t".into(),
            authors: vec![],
            date: None,
            source: "s".into(),
            text: "河南省洛阳市栾川县“<script>alert(1)</script>”活动。王明说\"好\"。".into(),
        };
        extract_with(vec![d], None)
    }

    #[test]
    fn xml_formats_escape_and_count() {
        assert_eq!(
            xml_escape("<b a=\"1\" c='2'>北京&\u{1}</b>"),
            "&lt;b a=&quot;1&quot; c=&apos;2&apos;&gt;北京&amp;&lt;/b&gt;"
        );
        let mut x = sample();
        x.entities[0].label = "<img src=x onerror=alert(1)> & \"q\"".into();
        let m = NodeMeasures::default();
        for doc in [gexf(&x, &m), graphml(&x, &m)] {
            assert!(!doc.contains("<img"), "{doc}");
            assert!(doc.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;"));
            assert_eq!(doc.matches("<node ").count(), x.entities.len());
            assert_eq!(doc.matches("<edge ").count(), edges(&x).count());
        }
    }

    #[test]
    fn csv_has_bom_quotes_and_formula_guard() {
        let mut x = sample();
        x.entities[0].label = "=HYPERLINK(\"x\")".into();
        let (nodes, es) = csv(&x, &NodeMeasures::default());
        assert!(nodes.starts_with('\u{feff}') && es.starts_with('\u{feff}'));
        assert!(nodes.contains("\"'=HYPERLINK(\"\"x\"\")\""));
        assert_eq!(nodes.lines().count(), x.entities.len() + 1);
        assert_eq!(es.lines().count(), edges(&x).count() + 1);
    }

    #[test]
    fn exports_carry_importance_degree_and_community() {
        let x = sample();
        let n = x.entities.len();
        let m = NodeMeasures {
            importance: (0..n).map(|i| i as f64 / 10.0).collect(),
            degree: (0..n as u32).collect(),
            community: (0..n as u32).map(|i| i % 2).collect(),
        };
        let g = gexf(&x, &m);
        assert!(g.contains("<attribute id=\"importance\" title=\"importance\" type=\"double\"/>"));
        assert!(g.contains("<attvalue for=\"importance\" value=\"0.1\"/><attvalue for=\"degree\" value=\"1\"/><attvalue for=\"community\" value=\"1\"/>"));
        let gm = graphml(&x, &m);
        assert!(gm.contains(
            "<key id=\"community\" for=\"node\" attr.name=\"community\" attr.type=\"int\"/>"
        ));
        assert!(gm.contains("<data key=\"degree\">1</data>"));
        let (nodes, _) = csv(&x, &m);
        assert!(nodes
            .lines()
            .next()
            .unwrap()
            .ends_with(",importance,degree,community"));
        assert!(nodes.lines().nth(2).unwrap().ends_with(",0.1,1,1"));
        let j: serde_json::Value = serde_json::from_str(&json_with(&x, &m)).unwrap();
        assert_eq!(j["measures"]["degree"][1], 1);
        let back: Extraction = serde_json::from_str(&json_with(&x, &m)).unwrap();
        assert_eq!(back, x);
        // A view keeps the whole graph's values, renumbered.
        let keep = x.entities[0].id;
        let s = m.subset(&x, |e| e != keep);
        assert_eq!(s.degree, (1..n as u32).collect::<Vec<_>>());
    }

    #[test]
    fn json_round_trips_and_subsets_renumber() {
        let x = sample();
        let back: Extraction = serde_json::from_str(&json(&x)).unwrap();
        assert_eq!(back, x);
        let keep = x.entities[1].id;
        let s = subset(&x, |e| e != keep, |_| true);
        assert_eq!(s.entities.len(), x.entities.len() - 1);
        assert!(s
            .entities
            .iter()
            .enumerate()
            .all(|(i, e)| e.id.index() == i));
        assert!(s
            .relations
            .iter()
            .all(|r| r.source.index() < s.entities.len() && r.target.index() < s.entities.len()));
    }
}
