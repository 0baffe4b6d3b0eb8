//! What the integration tests share: the built-in knowledge, loaded once per test binary (the
//! library itself keeps no global; a host builds its knowledge once and passes it along).

use guanxi::text::Knowledge;
use std::sync::{Arc, OnceLock};

/// The knowledge built into the library (gazetteer, words, recogniser).
pub fn knowledge() -> &'static Arc<Knowledge> {
    static K: OnceLock<Arc<Knowledge>> = OnceLock::new();
    K.get_or_init(|| Arc::new(Knowledge::embedded().expect("the built-in knowledge loads")))
}
