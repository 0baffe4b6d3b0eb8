//! Issue 20, bad input: a storage quota that runs out half-way through saving, two tabs saving
//! at once, and a saved state written by a newer version; writes that end later.

use crate::app::session::tests::{cmd, demo, open_refused, saved_work, session_with, status, Tick};
use crate::app::session::*;
use crate::io::library;
use std::cell::RefCell;
use std::rc::Rc;

const PAGE: &str = "第一篇\n\n本报讯（王明）河南省洛阳市举办活动。\n";
const PAGE2: &str = "第二篇\n\n本报讯（陈立）湖北省宜昌市开展培训。\n";

fn paste(s: &mut Session, text: &str) -> Output {
    cmd(s, Command::Paste(text.into()))
}

/// The saved work's sources, by name.
fn saved_names(saved: &str) -> Vec<String> {
    let (lib, _) = library::load(saved).expect("readable saved work");
    lib.sources.into_iter().map(|s| s.name).collect()
}

/// One browser tab's view of storage shared by all tabs: each tab hears how its own writes
/// ended.
struct Tab {
    shared: Rc<RefCell<MemoryStorage>>,
    mine: Vec<WriteId>,
}

impl Storage for Tab {
    fn contains(&self, key: &str) -> bool {
        self.shared.borrow().contains(key)
    }
    fn get(&self, key: &str) -> Option<String> {
        self.shared.borrow().get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.shared.borrow_mut().set(key, value)
    }
    fn remove(&mut self, key: &str) {
        self.shared.borrow_mut().remove(key)
    }
    fn write(&mut self, key: &str, value: String) -> WriteId {
        let id = self.shared.borrow_mut().write(key, value);
        self.mine.push(id);
        id
    }
    fn finished(&mut self) -> Vec<WriteEnd> {
        let mut shared = self.shared.borrow_mut();
        let (mine, others) = shared
            .finished()
            .into_iter()
            .partition(|(id, _)| self.mine.contains(id));
        shared.ended = others;
        mine
    }
}

fn tab(shared: &Rc<RefCell<MemoryStorage>>) -> Session {
    let storage = Tab {
        shared: shared.clone(),
        mine: Vec::new(),
    };
    let mut s = Session::new(Box::new(Tick(Rc::default())), Box::new(storage), demo);
    let (_, view) = s.open(None);
    s.show_view("", view);
    s
}

#[test]
fn issue_20_a_quota_that_runs_out_half_way_is_reported_and_keeps_the_work_saved_before() {
    // Room for one saved page, not for the old and the new one side by side.
    let mut first = session_with(MemoryStorage::default());
    paste(&mut first, PAGE);
    let one = first.storage().get(STORAGE_KEY).expect("saved");
    let quota = Some(one.len() * 2 + 100);
    let mut s = session_with(MemoryStorage {
        quota,
        ..MemoryStorage::default()
    });
    let out = paste(&mut s, PAGE);
    assert_eq!(status(&out), ("Added pasted text 1 (1 article).", false));
    s.frame(1.0);
    assert_eq!(s.test_call("saved", None, None).unwrap()["generation"], 1);
    let out = paste(&mut s, PAGE2);
    assert_eq!(status(&out), ("Added pasted text 2 (1 article).", false));
    // Said at the next frame, after the action's own message.
    let out = s.frame(1.0);
    let (text, error) = status(&out);
    assert!(error, "{text}");
    assert!(
        text.starts_with(
            "Your articles stay open, but could not be saved in this browser: the storage is full"
        ),
        "{text}"
    );
    // Both sources stay open; the first is still saved, whole, as generation 1.
    assert_eq!(s.library().sources.len(), 2);
    let kept = s.storage().get(STORAGE_KEY).expect("still saved");
    assert_eq!(saved_names(&kept), ["pasted text 1"]);
    assert_eq!(s.storage().get(GENERATION_KEY).as_deref(), Some("1"));
    let again = session_with(saved_work(&kept));
    assert_eq!(again.library().sources.len(), 1);
}

#[test]
fn issue_20_writes_end_later_and_a_change_meanwhile_is_saved_once_after() {
    let shared = Rc::new(RefCell::new(MemoryStorage {
        hold: true,
        ..MemoryStorage::default()
    }));
    let mut s = tab(&shared);
    paste(&mut s, PAGE);
    let writing = serde_json::json!({ "generation": 0, "writing": true });
    assert_eq!(s.test_call("saved", None, None), Some(writing));
    assert_eq!(s.storage().get(STORAGE_KEY), None, "not written yet");
    // A second change while the first write runs waits for it.
    paste(&mut s, PAGE2);
    assert_eq!(shared.borrow().waiting.len(), 1);
    assert_eq!(s.frame(1.0).status, None);
    shared.borrow_mut().release();
    s.frame(1.0);
    let stored = s.storage().get(STORAGE_KEY).expect("the first write");
    assert_eq!(saved_names(&stored), ["pasted text 1"]);
    // Its end started the second, with the latest work.
    assert_eq!(shared.borrow().waiting.len(), 1);
    shared.borrow_mut().release();
    s.frame(1.0);
    let stored = s.storage().get(STORAGE_KEY).expect("the second write");
    assert_eq!(saved_names(&stored), ["pasted text 1", "pasted text 2"]);
    let done = serde_json::json!({ "generation": 2, "writing": false });
    assert_eq!(s.test_call("saved", None, None), Some(done));
    assert!(shared.borrow().waiting.is_empty(), "saved once");
}

#[test]
fn issue_20_a_write_that_fails_later_is_reported_and_gives_its_generation_back() {
    let shared = Rc::new(RefCell::new(MemoryStorage::default()));
    let mut s = tab(&shared);
    paste(&mut s, PAGE);
    shared.borrow_mut().hold = true;
    paste(&mut s, PAGE2);
    assert_eq!(
        shared.borrow().get(GENERATION_KEY).as_deref(),
        Some("2"),
        "claimed"
    );
    // The quota runs out while the write is under way (room left for small values only).
    let room = shared.borrow().used() + 50;
    shared.borrow_mut().quota = Some(room);
    shared.borrow_mut().release();
    let out = s.frame(1.0);
    let (text, error) = status(&out);
    assert!(error && text.contains("the storage is full"), "{text}");
    assert_eq!(shared.borrow().get(GENERATION_KEY).as_deref(), Some("1"));
    let kept = shared.borrow().get(STORAGE_KEY).expect("kept");
    assert_eq!(saved_names(&kept), ["pasted text 1"]);
    // With room again, the next change is saved.
    shared.borrow_mut().quota = None;
    shared.borrow_mut().hold = false;
    cmd(&mut s, Command::RemoveSource(0));
    let stored = shared.borrow().get(STORAGE_KEY).expect("saved");
    assert_eq!(saved_names(&stored), ["pasted text 2"]);
    assert_eq!(shared.borrow().get(GENERATION_KEY).as_deref(), Some("2"));
}

#[test]
fn issue_20_two_tabs_saving_at_once_do_not_write_over_each_other() {
    let shared = Rc::new(RefCell::new(MemoryStorage {
        hold: true,
        ..MemoryStorage::default()
    }));
    let (mut a, mut b) = (tab(&shared), tab(&shared));
    paste(&mut a, PAGE);
    // B saves while A's write is still under way: A claimed the next generation first.
    paste(&mut b, PAGE2);
    let out = b.frame(1.0);
    let (text, error) = status(&out);
    assert!(
        error && text.starts_with("Not saved: another tab saved"),
        "{text}"
    );
    assert_eq!(shared.borrow().waiting.len(), 1, "only A writes");
    shared.borrow_mut().release();
    a.frame(1.0);
    b.frame(1.0);
    let stored = shared.borrow().get(STORAGE_KEY).expect("A's work");
    assert_eq!(saved_names(&stored), ["pasted text 1"]);
    // A reload of B would show A's work; a further change in B is saved over it, as told.
    assert_eq!(tab(&shared).library().sources[0].name, "pasted text 1");
    cmd(&mut b, Command::Paste(PAGE2.replace("第二篇", "第三篇")));
    shared.borrow_mut().release();
    b.frame(1.0);
    let stored = shared.borrow().get(STORAGE_KEY).expect("B's work");
    assert_eq!(saved_names(&stored), ["pasted text 1", "pasted text 2"]);
    assert_eq!(shared.borrow().get(GENERATION_KEY).as_deref(), Some("2"));
    // Now A is the one behind.
    paste(&mut a, PAGE2);
    let out = a.frame(1.0);
    assert!(status(&out).0.starts_with("Not saved: another tab saved"));
}

#[test]
fn issue_20_saved_work_from_a_newer_version_is_refused_and_left_untouched() {
    let newer =
        serde_json::json!({ "app": "guanxi", "version": 99, "checksum": "0", "payload": "{}" })
            .to_string();
    let shared = Rc::new(RefCell::new(saved_work(&newer)));
    let mut s = Session::new(
        Box::new(Tick(Rc::default())),
        Box::new(Tab {
            shared: shared.clone(),
            mine: Vec::new(),
        }),
        demo,
    );
    assert_eq!(
        open_refused(&mut s, ""),
        "the saved work comes from a newer guanxi (format 99, this one reads 3); it was not loaded and is kept as it is"
    );
    paste(&mut s, PAGE);
    let out = s.frame(1.0);
    assert_eq!(
        status(&out).0,
        "Your articles stay open, but could not be saved in this browser: the work saved here comes from a newer guanxi (format 99) and is kept as it is; open it with that version"
    );
    assert_eq!(s.library().sources.len(), 1, "the new text is open");
    // Nothing written, moved or set aside.
    assert_eq!(shared.borrow().items.len(), 1);
    assert_eq!(shared.borrow().get(STORAGE_KEY), Some(newer));
    assert!(shared.borrow().waiting.is_empty());
}
