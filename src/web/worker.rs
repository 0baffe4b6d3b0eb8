//! The extraction worker, started by the page's `guanxiWorker` (see
//! [`crate::io::bundle::WORKER_PAGE`]: the same wasm from a `blob:` URL, so it works from
//! `file://`) with the compiled module. Requests and results are bytes ([`offload`]); what
//! the worker says waits in an inbox that the next frame hands to the session.

use crate::app::session::{Command, WorkerOrder};
use crate::io::offload;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `{post, stop}` of a running worker.
    pub(crate) type ImportWorker;
    #[wasm_bindgen(catch, js_name = guanxiWorker)]
    fn start(
        module: JsValue,
        blocks: Vec<String>,
        listen: &JsValue,
    ) -> Result<ImportWorker, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn post(this: &ImportWorker, seq: u32, bytes: js_sys::Uint8Array) -> Result<(), JsValue>;
    #[wasm_bindgen(method)]
    fn stop(this: &ImportWorker);
}

/// Messages from the worker, for the next frame.
pub(crate) type Inbox = Rc<RefCell<Vec<Command>>>;

/// Whether the page can start a worker at all (else large imports run in frame slices).
pub(crate) fn possible() -> bool {
    let start = js_sys::Reflect::get(&js_sys::global(), &"guanxiWorker".into());
    start.is_ok_and(|f| f.is_function())
}

/// Carries out an order: starts the worker if none runs and sends it the request (the session
/// hears if that fails), or stops it.
pub(crate) fn order(slot: &mut Option<ImportWorker>, inbox: &Inbox, o: WorkerOrder) {
    let WorkerOrder::Extract { seq, request } = o else {
        return drop(slot.take().inspect(ImportWorker::stop));
    };
    let bytes = js_sys::Uint8Array::from(&request[..]);
    let w = slot.take().map_or_else(|| spawn(inbox), Ok);
    match w.and_then(|w| w.post(seq, bytes).map(|()| w)) {
        Ok(w) => *slot = Some(w),
        Err(e) => {
            let why = super::dom::js_error_text(&e);
            inbox.borrow_mut().push(Command::WorkerFailed { seq, why });
        }
    }
}

fn spawn(inbox: &Inbox) -> Result<ImportWorker, JsValue> {
    let inbox = inbox.clone();
    type Listen = dyn FnMut(Option<u32>, Option<f64>, Option<Vec<u8>>, Option<String>);
    let listen = Closure::<Listen>::new(move |seq, done: Option<f64>, result, error| {
        let c = Command::of_worker(seq, done.map(|d| d as usize), result, error);
        inbox.borrow_mut().push(c);
    });
    let blocks = crate::text::assets::Asset::ALL.map(|a| a.block_id().to_owned());
    // The worker's listener lives as long as the page.
    let listen = listen.into_js_value();
    start(wasm_bindgen::module(), blocks.to_vec(), &listen)
}

thread_local! {
    /// In the worker (a wasm instance of its own): its knowledge and cache.
    static WORKER: RefCell<offload::Worker> = RefCell::default();
}

/// In the worker: builds the knowledge from the page's data blocks (base64).
#[wasm_bindgen]
pub fn guanxi_worker_init(blocks: Vec<String>) -> Result<(), String> {
    WORKER.with(|w| w.borrow_mut().init(&blocks))
}

/// In the worker: extracts a request, telling `progress` the articles done; returns the
/// result's bytes.
#[wasm_bindgen]
pub fn guanxi_worker_extract(
    request: &[u8],
    progress: &js_sys::Function,
) -> Result<Vec<u8>, String> {
    let mut tell = |n: usize| drop(progress.call1(&JsValue::NULL, &(n as f64).into()));
    WORKER.with(|w| {
        w.borrow_mut()
            .extract(request, &js_sys::Date::now, &mut tell)
    })
}
