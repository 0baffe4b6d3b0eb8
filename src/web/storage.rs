//! The page's [`Storage`]: the saved work in IndexedDB (database `guanxi`, store `work`), read
//! once before start-up and written in the background; small settings in localStorage, which
//! also holds the saved work where IndexedDB cannot be opened (and held it before).

use super::dom::js_error_text;
use crate::app::session::{Storage, StoreError, WriteEnd, WriteId, STORAGE_KEY};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode as Mode};

const STORE: &str = "work";

#[derive(Default)]
pub(crate) struct PageStorage {
    local: Option<web_sys::Storage>,
    db: Option<IdbDatabase>,
    /// The saved work read at start-up, until the session reads it (once).
    work: RefCell<Option<String>>,
    ended: Rc<RefCell<Vec<WriteEnd>>>,
    writes: u64,
}

/// A refusal from the browser (a `DOMException`, named).
fn store_error(e: &JsValue) -> StoreError {
    let name = e.dyn_ref::<web_sys::DomException>().map(|d| d.name());
    StoreError::from_browser(name.as_deref(), js_error_text(e))
}

/// Calls `f` once with the request's result or error.
fn when_done(req: &IdbRequest, f: impl FnOnce(Option<JsValue>) + 'static) {
    let (r, mut f) = (req.clone(), Some(f));
    let cb =
        Closure::<dyn FnMut()>::new(move || f.take().into_iter().for_each(|f| f(r.result().ok())));
    let cb = cb.into_js_value();
    req.set_onsuccess(Some(cb.unchecked_ref()));
    req.set_onerror(Some(cb.unchecked_ref()));
}

/// Opens IndexedDB and reads the saved work, then calls `then` (at once without IndexedDB).
pub(crate) fn open(window: &web_sys::Window, then: impl FnOnce(PageStorage) + 'static) {
    let local = window.local_storage().ok().flatten();
    let work = RefCell::new;
    let page = move |db, w| PageStorage {
        local,
        db,
        work: work(w),
        ..Default::default()
    };
    let factory = window.indexed_db().ok().flatten();
    let Some(req) = factory.and_then(|f| f.open_with_u32("guanxi", 1).ok()) else {
        return then(page(None, None));
    };
    let r = req.clone();
    let upgrade = Closure::once_into_js(move || {
        // A failure here fails the opening, which is then reported.
        let db = r.result().map(|d| d.unchecked_into::<IdbDatabase>());
        drop(db.and_then(|db| db.create_object_store(STORE)));
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    when_done(&req, move |db| {
        let db = db.and_then(|d| d.dyn_into::<IdbDatabase>().ok());
        let get = db.as_ref().and_then(|db| {
            let tx = db.transaction_with_str(STORE).ok()?;
            tx.object_store(STORE).ok()?.get(&STORAGE_KEY.into()).ok()
        });
        match get {
            Some(get) => when_done(&get, move |v| then(page(db, v.and_then(|v| v.as_string())))),
            None => then(page(None, None)),
        }
    });
}

impl PageStorage {
    /// The store of saved work, for writing.
    fn store(&self) -> Result<web_sys::IdbObjectStore, JsValue> {
        let db = self.db.as_ref().ok_or("no IndexedDB")?;
        db.transaction_with_str_and_mode(STORE, Mode::Readwrite)?
            .object_store(STORE)
    }
}

impl Storage for PageStorage {
    fn contains(&self, key: &str) -> bool {
        let local = || self.local.as_ref()?.get_item(key).ok().flatten();
        (key == STORAGE_KEY && self.work.borrow().is_some()) || local().is_some()
    }
    fn get(&self, key: &str) -> Option<String> {
        let work = (key == STORAGE_KEY).then(|| self.work.borrow_mut().take());
        work.flatten()
            .or_else(|| self.local.as_ref()?.get_item(key).ok().flatten())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        match &self.local {
            Some(s) => s.set_item(key, value).map_err(|e| store_error(&e)),
            None => Ok(()),
        }
    }
    fn remove(&mut self, key: &str) {
        let _ignored = self.local.as_ref().map(|s| s.remove_item(key));
        let _ignored = self.store().and_then(|s| s.delete(&key.into()));
    }
    fn write(&mut self, key: &str, value: String) -> WriteId {
        self.writes += 1;
        let id = WriteId(self.writes);
        if self.db.is_none() {
            let r = self.set(key, &value);
            self.ended.borrow_mut().push((id, r));
            return id;
        }
        let (ended, local, key) = (self.ended.clone(), self.local.clone(), key.to_owned());
        let started = self.store().and_then(|store| {
            store.put_with_key(&value.into(), &key.as_str().into())?;
            let tx = store.transaction();
            let t = tx.clone();
            let cb = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
                let r = match t.error() {
                    Some(e) => Err(store_error(&e)),
                    None if ev.type_() == "complete" => {
                        // The copy kept in localStorage before is not needed any more.
                        local.as_ref().map(|l| l.remove_item(&key));
                        Ok(())
                    }
                    None => Err(StoreError::Refused("the write was abandoned".into())),
                };
                ended.borrow_mut().push((id, r));
            });
            let cb = cb.into_js_value();
            tx.set_oncomplete(Some(cb.unchecked_ref()));
            tx.set_onabort(Some(cb.unchecked_ref()));
            Ok(())
        });
        if let Err(e) = started {
            self.ended.borrow_mut().push((id, Err(store_error(&e))));
        }
        id
    }
    fn finished(&mut self) -> Vec<WriteEnd> {
        std::mem::take(&mut self.ended.borrow_mut())
    }
}
