//! The import protocol between the page and its extraction worker: the page sends the corpus's
//! article drafts ([`Request`]), the worker extracts them ([`extract`]: recognition with its
//! own cache, then linking) and sends back the extraction ([`Reader`] reads it). Both travel
//! as bytes (an `ArrayBuffer` the browser transfers rather than copies); nothing here knows of
//! workers, so the whole protocol is tested natively.
//!
//! A request is length-prefixed UTF-8 fields (encoding and decoding are copies, so a corpus of
//! megabytes costs the page a few milliseconds). A result is JSON Lines: a header, then one
//! line per article, entity, relation and credit, so the page can read it a few lines at a
//! time between frames ([`Reader::step`]) instead of in one long task. An article's text,
//! which the page already holds (it sent it), comes back only where extraction changed it:
//! the other articles' lines carry an empty text, and the reader takes the request's, so the
//! result is a fraction of the corpus's size.

use crate::model::{Article, Credit, Entity, Extraction, Relation};
use crate::text::corpus::Draft;
use crate::text::{Extractor, Knowledge, MentionCache};
use std::sync::Arc;

/// The first bytes of a request.
const REQUEST_MAGIC: &[u8; 4] = b"GXQ1";

/// Why bytes of the protocol could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum WireError {
    /// Not a request of this version.
    #[error("not an import request")]
    NotRequest,
    /// Cut short or damaged.
    #[error("the import data is damaged ({0})")]
    Damaged(String),
}

fn damaged(why: impl std::fmt::Display) -> WireError {
    WireError::Damaged(why.to_string())
}

/// The `seq` of a failure that ends whatever import the worker was running (it stopped).
pub const ANY_SEQ: u32 = u32::MAX;

/// An extraction for the worker: every draft of the corpus shown, in order. `seq` names it,
/// so the page can tell the result of the import it waits for from an older one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// Which import (the page's counter).
    pub seq: u32,
    /// The articles.
    pub drafts: Vec<Draft>,
}

impl Request {
    /// The request as bytes.
    pub fn encode(&self) -> Vec<u8> {
        let size: usize = (self.drafts.iter())
            .map(|d| d.text.len() + d.title.len() + d.source.len() + 64)
            .sum();
        let mut out = Vec::with_capacity(size + 16);
        out.extend_from_slice(REQUEST_MAGIC);
        out.extend_from_slice(&self.seq.to_le_bytes());
        put_len(&mut out, self.drafts.len());
        for d in &self.drafts {
            put_str(&mut out, &d.title);
            put_list(&mut out, &d.authors);
            put_list(&mut out, &d.editors);
            match &d.date {
                Some(date) => {
                    out.push(1);
                    put_str(&mut out, date);
                }
                None => out.push(0),
            }
            put_str(&mut out, &d.source);
            put_str(&mut out, &d.text);
        }
        out
    }

    /// Reads a request; damaged or foreign bytes are an error, never a panic.
    pub fn decode(bytes: &[u8]) -> Result<Request, WireError> {
        let rest = bytes
            .strip_prefix(REQUEST_MAGIC.as_slice())
            .ok_or(WireError::NotRequest)?;
        let mut r = Cursor { rest };
        let seq = r.u32()?;
        let n = r.u32()? as usize;
        // Each draft takes at least 21 bytes: a count that claims more is damaged.
        if n > r.rest.len() / 21 {
            return Err(damaged("article count"));
        }
        let mut drafts = Vec::with_capacity(n);
        for _ in 0..n {
            let title = r.string()?;
            let authors = r.list()?;
            let editors = r.list()?;
            let date = match r.byte()? {
                0 => None,
                1 => Some(r.string()?),
                _ => return Err(damaged("date flag")),
            };
            drafts.push(Draft {
                title,
                authors,
                editors,
                date,
                source: r.string()?,
                text: r.string()?,
            });
        }
        if !r.rest.is_empty() {
            return Err(damaged("trailing bytes"));
        }
        Ok(Request { seq, drafts })
    }
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    // Lengths over 4 GB cannot occur: the page refuses files over its size limit.
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_list(out: &mut Vec<u8>, items: &[String]) {
    put_len(out, items.len());
    for s in items {
        put_str(out, s);
    }
}

struct Cursor<'a> {
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        if n > self.rest.len() {
            return Err(damaged("cut short"));
        }
        let (head, rest) = self.rest.split_at(n);
        self.rest = rest;
        Ok(head)
    }
    fn byte(&mut self) -> Result<u8, WireError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, WireError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn string(&mut self) -> Result<String, WireError> {
        let n = self.u32()? as usize;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| damaged("text that is not UTF-8"))
    }
    fn list(&mut self) -> Result<Vec<String>, WireError> {
        let n = self.u32()? as usize;
        if n > self.rest.len() / 4 {
            return Err(damaged("list length"));
        }
        (0..n).map(|_| self.string()).collect()
    }
}

/// The first line of a result.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Header {
    /// The request's `seq`.
    pub seq: u32,
    /// Articles, entities, relations and credits that follow, one per line, in that order.
    pub articles: usize,
    /// See `articles`.
    pub entities: usize,
    /// See `articles`.
    pub relations: usize,
    /// See `articles`.
    pub credits: usize,
    /// Sentences whose same-sentence links linking capped.
    pub capped: usize,
    /// Milliseconds the worker spent (recognition and linking).
    pub ms: f64,
    /// The articles whose text the result carries (it differs from the request's); every
    /// other article's is the request's.
    #[serde(default)]
    pub texts: Vec<u32>,
}

/// Extracts a request's drafts (the worker's whole job) and returns the result's bytes.
/// `progress` hears how many articles are done after each; `cache` keeps the recognition of
/// every article across requests, so adding a source reads only the new articles again;
/// `now` is the worker's clock (for the time reported).
pub fn extract(
    request: Request,
    knowledge: Arc<Knowledge>,
    cache: &mut MentionCache,
    now: &dyn Fn() -> f64,
    progress: &mut dyn FnMut(usize),
) -> Vec<u8> {
    let t0 = now();
    let sent: Vec<String> = request.drafts.iter().map(|d| d.text.clone()).collect();
    let mut x = Extractor::new(knowledge);
    for (i, d) in request.drafts.into_iter().enumerate() {
        x.add_cached(d, cache);
        progress(i + 1);
    }
    cache.sweep();
    let (mut x, stats) = x.finish_with_stats();
    let mut texts = Vec::new();
    for (i, a) in x.articles.iter_mut().enumerate() {
        match sent.get(i) {
            Some(t) if *t == a.text => a.text.clear(),
            _ => texts.push(i as u32),
        }
    }
    let header = Header {
        seq: request.seq,
        articles: x.articles.len(),
        entities: x.entities.len(),
        relations: x.relations.len(),
        credits: x.credits.len(),
        capped: stats.capped_sentences,
        ms: now() - t0,
        texts,
    };
    encode_result(&header, &x)
}

/// The worker's side, kept between imports: its knowledge (built once from the page's data
/// blocks) and its recognition cache.
#[derive(Default)]
pub struct Worker {
    knowledge: Option<Arc<Knowledge>>,
    cache: MentionCache,
}

/// How often the worker tells the page its progress, in milliseconds.
pub const PROGRESS_EVERY_MS: f64 = 100.0;

impl Worker {
    /// Builds the knowledge from the page's data blocks (base64, in [`Asset::ALL`]'s order;
    /// a missing one empty).
    ///
    /// [`Asset::ALL`]: crate::text::assets::Asset::ALL
    pub fn init(&mut self, blocks: &[String]) -> Result<(), String> {
        let mut loader = crate::text::knowledge::Loader::new();
        for (asset, b64) in crate::text::assets::Asset::ALL.into_iter().zip(blocks) {
            if let Some(bytes) = super::bundle::decode_base64(b64).filter(|b| !b.is_empty()) {
                loader.attach(asset, bytes);
            }
        }
        self.knowledge = Some(loader.finish().map_err(|e| e.to_string())?);
        Ok(())
    }

    /// Extracts a request ([`extract`]); `tell` hears the articles done at most every
    /// [`PROGRESS_EVERY_MS`] of `now`.
    pub fn extract(
        &mut self,
        request: &[u8],
        now: &dyn Fn() -> f64,
        tell: &mut dyn FnMut(usize),
    ) -> Result<Vec<u8>, String> {
        let request = Request::decode(request).map_err(|e| e.to_string())?;
        let k = self
            .knowledge
            .clone()
            .ok_or("the worker has no knowledge")?;
        let mut last = f64::NEG_INFINITY;
        let mut progress = |done: usize| {
            if now() - last >= PROGRESS_EVERY_MS {
                last = now();
                tell(done);
            }
        };
        Ok(extract(request, k, &mut self.cache, now, &mut progress))
    }
}

/// The result's bytes: the header and every item, a line each.
pub fn encode_result(header: &Header, x: &Extraction) -> Vec<u8> {
    let mut out = Vec::with_capacity(x.articles.iter().map(|a| a.text.len() + 256).sum());
    let mut line = |v: &dyn erased::Line| {
        v.write(&mut out);
        out.push(b'\n');
    };
    line(header);
    x.articles.iter().for_each(|a| line(a));
    x.entities.iter().for_each(|e| line(e));
    x.relations.iter().for_each(|r| line(r));
    x.credits.iter().for_each(|c| line(c));
    out
}

mod erased {
    /// A value written as one line of JSON (compact JSON escapes every newline in strings).
    pub trait Line {
        fn write(&self, out: &mut Vec<u8>);
    }
    impl<T: serde::Serialize> Line for T {
        fn write(&self, out: &mut Vec<u8>) {
            // Serialising the model's plain data into a Vec cannot fail.
            let _infallible = serde_json::to_writer(&mut *out, self);
        }
    }
}

/// Reads a result a few lines at a time (see the module docs).
pub struct Reader {
    bytes: Vec<u8>,
    at: usize,
    header: Header,
    x: Extraction,
    /// The request's texts, by article.
    sent: Vec<String>,
    /// Whether the result carries an article's text, by article.
    carried: Vec<bool>,
}

impl Reader {
    /// Starts reading a result: its header now. `sent` is the text of each article of the
    /// request (a result for another number of articles is damaged).
    pub fn new(bytes: Vec<u8>, sent: Vec<String>) -> Result<Reader, WireError> {
        let mut r = Reader {
            bytes,
            at: 0,
            header: Header::default(),
            x: Extraction::default(),
            carried: vec![false; sent.len()],
            sent,
        };
        r.header = r.line()?;
        if r.header.articles != r.sent.len() {
            return Err(damaged("article count"));
        }
        for &i in &r.header.texts {
            let slot = r.carried.get_mut(i as usize);
            *slot.ok_or_else(|| damaged("text index"))? = true;
        }
        let h = &r.header;
        // Each item takes at least 3 bytes: counts that claim more are damaged.
        let items = h.articles + h.entities + h.relations + h.credits;
        if items > r.bytes.len() / 3 {
            return Err(damaged("item counts"));
        }
        r.x.articles.reserve(h.articles);
        r.x.entities.reserve(h.entities);
        r.x.relations.reserve(h.relations);
        r.x.credits.reserve(h.credits);
        Ok(r)
    }

    /// The header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    fn line<T: serde::de::DeserializeOwned>(&mut self) -> Result<T, WireError> {
        let rest = &self.bytes[self.at..];
        let end = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| damaged("cut short"))?;
        let v = serde_json::from_slice(&rest[..end]).map_err(damaged)?;
        self.at += end + 1;
        Ok(v)
    }

    /// Items read so far, of how many.
    pub fn read(&self) -> (usize, usize) {
        let h = &self.header;
        let x = &self.x;
        let done = x.articles.len() + x.entities.len() + x.relations.len() + x.credits.len();
        (done, h.articles + h.entities + h.relations + h.credits)
    }

    /// Reads up to `n` more items; whether all are read.
    pub fn step(&mut self, n: usize) -> Result<bool, WireError> {
        for _ in 0..n {
            let h = &self.header;
            let x = &self.x;
            if x.articles.len() < h.articles {
                let i = x.articles.len();
                let mut a: Article = self.line()?;
                if !self.carried[i] {
                    if !a.text.is_empty() {
                        return Err(damaged("a text not announced"));
                    }
                    a.text = std::mem::take(&mut self.sent[i]);
                }
                self.x.articles.push(a);
            } else if x.entities.len() < h.entities {
                let e: Entity = self.line()?;
                self.x.entities.push(e);
            } else if x.relations.len() < h.relations {
                let r: Relation = self.line()?;
                self.x.relations.push(r);
            } else if x.credits.len() < h.credits {
                let c: Credit = self.line()?;
                self.x.credits.push(c);
            } else {
                break;
            }
        }
        let (done, all) = self.read();
        Ok(done == all)
    }

    /// The extraction, once every item is read; one whose relations name missing entities is
    /// refused.
    pub fn finish(self) -> Result<(Extraction, Header), WireError> {
        let (done, all) = self.read();
        if done < all || self.at != self.bytes.len() {
            return Err(damaged("unread items"));
        }
        self.x.check_relations().map_err(damaged)?;
        Ok((self.x, self.header))
    }
}

#[cfg(test)]
mod tests;
