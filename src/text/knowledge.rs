//! What extraction knows besides the text: the gazetteer of administrative divisions, the
//! dictionary words and the learned recogniser. One [`Knowledge`] value is built once by its
//! host (the command line at start, the page as its data blocks arrive, a test from a few
//! lines) and handed to the extractor; nothing in the text pipeline reads a global.
//!
//! A page builds it a piece at a time in idle time ([`Loader`]), so that the first import
//! starts at once and no task holds the main thread for long.

use super::assets::{self, Asset};
use super::lexicon::Gazetteer;
use super::ner::{self, Lexicon, Model, ModelError, ModelLoad, WordList};
use std::borrow::Cow;
use std::sync::Arc;

/// The gazetteer, the lexicon the recogniser and the rules read, and the recogniser itself.
pub struct Knowledge {
    /// The administrative divisions (`data/places.tsv`).
    pub gazetteer: Gazetteer,
    /// Dictionary words and gazetteer forms, indexed for scans.
    pub lexicon: Lexicon,
    /// The learned recogniser; `None` in a build trained without one (rules only).
    pub model: Option<Model>,
}

/// Why the knowledge could not be built.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum KnowledgeError {
    /// Neither the build nor its host has the data.
    #[error("the {0} data is missing (the page has not finished loading, or it was cut short)")]
    Missing(&'static str),
    /// The data is there but does not inflate.
    #[error("the {0} data is damaged")]
    Damaged(&'static str),
    /// The recogniser's file does not load.
    #[error("the recogniser does not load: {0}")]
    Model(#[from] ModelError),
}

impl Knowledge {
    /// Knowledge from a gazetteer, a word list and a recogniser (or none).
    ///
    /// # Example
    /// ```
    /// use guanxi::text::{knowledge::Knowledge, lexicon::Gazetteer, ner::WordList};
    /// let k = Knowledge::new(Gazetteer::parse("11\t北京市\n"), WordList::parse("北京\ts\n"), None);
    /// assert!(k.gazetteer.is_full_name("北京市"));
    /// ```
    pub fn new(gazetteer: Gazetteer, words: WordList, model: Option<Model>) -> Knowledge {
        let lexicon = Lexicon::new(words, &gazetteer);
        Knowledge {
            gazetteer,
            lexicon,
            model,
        }
    }

    /// The knowledge built into this binary, inflated and parsed now (a few hundred
    /// milliseconds: build it once and share it).
    pub fn embedded() -> Result<Knowledge, KnowledgeError> {
        Loader::new().build()
    }

    /// The same knowledge without its recogniser: the rules and lists alone.
    pub fn without_model(mut self) -> Knowledge {
        self.model = None;
        self
    }

    /// The dictionary words.
    pub fn words(&self) -> &WordList {
        &self.lexicon.words
    }

    /// The recogniser's spans in `chars` (none without a recogniser).
    pub fn recognise(&self, chars: &[char], ctx: &mut ner::Context) -> Vec<ner::NerSpan> {
        match &self.model {
            Some(m) => m.recognise(chars, &self.lexicon, ctx),
            None => Vec::new(),
        }
    }
}

/// One asset's bytes as the loader holds them.
enum Bytes {
    /// Not here (yet).
    Missing,
    /// zlib-compressed, as built in (borrowed, not copied) or attached by the host.
    Compressed(Cow<'static, [u8]>),
    /// Inflated by the host, with the compressed copy to fall back on if they are malformed.
    Inflated(Vec<u8>, Cow<'static, [u8]>),
}

/// The recogniser on its way in.
enum ModelStage {
    Waiting,
    Loading(Box<ModelLoad<Vec<u8>>>),
    Done(Option<Box<Model>>),
    Failed(KnowledgeError),
}

/// [`Knowledge`] on its way in, a piece at a time: the recogniser in steps of a few
/// milliseconds ([`Loader::step_model`]), then the words, the gazetteer and the lexicon's
/// indexes ([`Loader::step`]). A host that needs the knowledge before then calls
/// [`Loader::finish`], which does what is left.
pub struct Loader {
    bytes: [Bytes; 3],
    model: ModelStage,
    words: Option<WordList>,
    gazetteer: Option<Gazetteer>,
    built: Option<Arc<Knowledge>>,
}

impl Default for Loader {
    fn default() -> Loader {
        Loader::new()
    }
}

impl Loader {
    /// A loader of the assets built into this binary (none, in a build that leaves them out
    /// for its host to [`attach`](Loader::attach)).
    pub fn new() -> Loader {
        let bytes = Asset::ALL.map(|a| match a.embedded() {
            [] => Bytes::Missing,
            b => Bytes::Compressed(Cow::Borrowed(b)),
        });
        Loader {
            bytes,
            model: ModelStage::Waiting,
            words: None,
            gazetteer: None,
            built: None,
        }
    }

    /// Whether `asset`'s bytes are here.
    pub fn has(&self, asset: Asset) -> bool {
        !matches!(self.bytes[asset as usize], Bytes::Missing)
    }

    /// The compressed bytes of `asset` while they are not yet inflated (for a host that
    /// inflates them itself and [`provide`](Loader::provide)s the result).
    pub fn compressed(&self, asset: Asset) -> Option<&[u8]> {
        match &self.bytes[asset as usize] {
            Bytes::Compressed(c) => Some(c),
            Bytes::Missing | Bytes::Inflated(..) => None,
        }
    }

    /// Hands in the compressed bytes of `asset`, for a build that left them out. Ignored
    /// (`false`) when the bytes are here already.
    pub fn attach(&mut self, asset: Asset, compressed: Vec<u8>) -> bool {
        if self.has(asset) || compressed.is_empty() {
            return false;
        }
        self.bytes[asset as usize] = Bytes::Compressed(Cow::Owned(compressed));
        true
    }

    /// Hands in `asset` already inflated (by the browser's native inflater, say). Bytes that
    /// turn out malformed are dropped for the compressed copy.
    pub fn provide(&mut self, asset: Asset, raw: Vec<u8>) {
        let slot = &mut self.bytes[asset as usize];
        if let Bytes::Compressed(c) = std::mem::replace(slot, Bytes::Missing) {
            *slot = Bytes::Inflated(raw, c);
        }
    }

    /// The inflated bytes of `asset` (the host's, else inflated now); `Err` when they are
    /// missing or damaged. `fresh` skips the host's copy.
    fn inflated(&mut self, asset: Asset, fresh: bool) -> Result<Vec<u8>, KnowledgeError> {
        let slot = &mut self.bytes[asset as usize];
        let compressed = match std::mem::replace(slot, Bytes::Missing) {
            Bytes::Missing => return Err(KnowledgeError::Missing(asset.name())),
            Bytes::Inflated(raw, c) if !fresh => {
                *slot = Bytes::Compressed(c);
                return Ok(raw);
            }
            Bytes::Inflated(_, c) | Bytes::Compressed(c) => c,
        };
        let raw = assets::inflate(&compressed);
        *slot = Bytes::Compressed(compressed);
        raw.ok_or(KnowledgeError::Damaged(asset.name()))
    }

    /// Does the next step of loading the recogniser (a few milliseconds); whether it is
    /// loaded (or there is none to load).
    pub fn step_model(&mut self) -> Result<bool, KnowledgeError> {
        let stage = std::mem::replace(&mut self.model, ModelStage::Done(None));
        self.model = match self.next_model_stage(stage) {
            Ok(stage) => stage,
            Err(e) => ModelStage::Failed(e),
        };
        match &self.model {
            ModelStage::Failed(e) => Err(e.clone()),
            ModelStage::Done(_) => Ok(true),
            _ => Ok(false),
        }
    }

    fn next_model_stage(&mut self, stage: ModelStage) -> Result<ModelStage, KnowledgeError> {
        Ok(match stage {
            ModelStage::Waiting if !self.has(Asset::NerModel) => ModelStage::Done(None),
            ModelStage::Waiting => {
                let raw = self.inflated(Asset::NerModel, false)?;
                match ModelLoad::new(raw) {
                    Ok(load) => ModelStage::Loading(Box::new(load)),
                    // Bytes from the host that do not load: the compressed copy.
                    Err(_) => {
                        let raw = self.inflated(Asset::NerModel, true)?;
                        ModelStage::Loading(Box::new(ModelLoad::new(raw)?))
                    }
                }
            }
            ModelStage::Loading(mut load) => match load.step()? {
                Some(model) => ModelStage::Done(Some(Box::new(model))),
                None => ModelStage::Loading(load),
            },
            done @ (ModelStage::Done(_) | ModelStage::Failed(_)) => done,
        })
    }

    /// Parses the word list if not yet done.
    pub fn load_words(&mut self) -> Result<(), KnowledgeError> {
        if self.words.is_none() && self.built.is_none() {
            let raw = self.inflated(Asset::Words, false)?;
            self.words = Some(WordList::parse(&String::from_utf8_lossy(&raw)));
        }
        Ok(())
    }

    /// Parses the gazetteer if not yet done.
    pub fn load_gazetteer(&mut self) -> Result<(), KnowledgeError> {
        if self.gazetteer.is_none() && self.built.is_none() {
            let raw = self.inflated(Asset::Places, false)?;
            self.gazetteer = Some(Gazetteer::parse(&String::from_utf8_lossy(&raw)));
        }
        Ok(())
    }

    /// The next piece of loading; true once the knowledge is built (or cannot be: then
    /// [`Loader::finish`] says why).
    pub fn step(&mut self) -> bool {
        if self.built.is_some() {
            return true;
        }
        match self.step_model() {
            Ok(false) => false,
            // Built, or failed for a reason `finish` gives again.
            Ok(true) | Err(_) => {
                let _built = self.finish();
                true
            }
        }
    }

    /// The knowledge, loading whatever is left now.
    pub fn finish(&mut self) -> Result<Arc<Knowledge>, KnowledgeError> {
        if let Some(k) = &self.built {
            return Ok(k.clone());
        }
        let k = Arc::new(self.build()?);
        self.built = Some(k.clone());
        Ok(k)
    }

    fn build(&mut self) -> Result<Knowledge, KnowledgeError> {
        while !self.step_model()? {}
        self.load_words()?;
        self.load_gazetteer()?;
        let (Some(words), Some(gazetteer)) = (self.words.take(), self.gazetteer.take()) else {
            return Err(KnowledgeError::Missing(Asset::Words.name()));
        };
        let model = match std::mem::replace(&mut self.model, ModelStage::Done(None)) {
            ModelStage::Done(m) => m.map(|m| *m),
            _ => None,
        };
        Ok(Knowledge::new(gazetteer, words, model))
    }

    /// Whether the knowledge is built.
    pub fn is_built(&self) -> bool {
        self.built.is_some()
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! The embedded knowledge, built once for all the tests of this crate.
    use super::*;
    use std::sync::OnceLock;

    /// The shipped knowledge (tests only: the core itself keeps no global).
    pub(crate) fn shipped() -> Arc<Knowledge> {
        static K: OnceLock<Arc<Knowledge>> = OnceLock::new();
        K.get_or_init(|| Arc::new(Knowledge::embedded().expect("the embedded knowledge")))
            .clone()
    }

    /// The shipped gazetteer and words without the recogniser.
    pub(crate) fn rules() -> Arc<Knowledge> {
        static K: OnceLock<Arc<Knowledge>> = OnceLock::new();
        K.get_or_init(|| {
            let k = Knowledge::embedded().expect("the embedded knowledge");
            Arc::new(k.without_model())
        })
        .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_step_by_step_or_at_once_to_the_same_knowledge() {
        let mut l = Loader::new();
        let mut steps = 0;
        while !l.step() {
            steps += 1;
        }
        assert!(steps > 1, "the recogniser loads in several steps");
        let k = l.finish().expect("embedded knowledge");
        assert!(k.model.is_some());
        assert!(k.gazetteer.is_full_name("北京市"));
        assert_eq!(k.words().part_of_speech(&['中', '国']), Some(b's'));
        // Built once: the same value again.
        assert!(Arc::ptr_eq(&k, &l.finish().expect("again")));
    }

    #[test]
    fn malformed_inflated_bytes_fall_back_to_the_compressed_copy() {
        let mut l = Loader::new();
        l.provide(Asset::NerModel, b"not a model".to_vec());
        l.provide(Asset::Words, "北京\ts\n".as_bytes().to_vec());
        let k = l.finish().expect("knowledge");
        assert!(k.model.is_some());
        // Provided words are used as they are.
        assert_eq!(k.words().part_of_speech(&['中', '国']), None);
        assert_eq!(k.words().part_of_speech(&['北', '京']), Some(b's'));
    }

    #[test]
    fn attaching_never_replaces_bytes_that_are_here() {
        let mut l = Loader::new();
        for a in Asset::ALL {
            assert!(l.has(a));
            assert!(!l.attach(a, b"not zlib".to_vec()), "{a:?}");
        }
    }

    #[test]
    fn damaged_data_is_an_error_not_an_empty_list() {
        let mut l = Loader {
            bytes: [Bytes::Missing, Bytes::Missing, Bytes::Missing],
            ..Loader::new()
        };
        assert!(l.attach(Asset::Words, b"not zlib".to_vec()));
        assert_eq!(
            l.load_words().err(),
            Some(KnowledgeError::Damaged(Asset::Words.name()))
        );
        assert_eq!(
            l.load_gazetteer().err(),
            Some(KnowledgeError::Missing(Asset::Places.name()))
        );
        assert!(l.finish().is_err());
    }
}
