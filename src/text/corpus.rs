//! Reading input documents: plain-text pages (split by [`super::page`]) and JSON / JSON Lines
//! of already-split articles (`{"title", "authors", "date", "source", "text"}` or
//! `{"id", "text"}`, only `text` required), taken as-is.

use super::page;
use serde::Deserialize;

pub use super::page::Draft;

/// Why a document could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum CorpusError {
    /// Bytes that are not UTF-8 text.
    #[error("{source_name}: not UTF-8 text (invalid byte at offset {offset})")]
    Encoding {
        /// The document's name.
        source_name: String,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// Binary data (NUL bytes or mostly control characters).
    #[error("{source_name}: looks like binary data, not text")]
    Binary {
        /// The document's name.
        source_name: String,
    },
    /// A JSON line or document with the wrong shape.
    #[error("{source_name}: line {line}: {message}")]
    Json {
        /// The document's name.
        source_name: String,
        /// 1-based line (for a whole JSON document, the line serde reports).
        line: usize,
        /// What was wrong, naming the field where known.
        message: String,
    },
    /// Nothing to read.
    #[error("{source_name}: empty document")]
    Empty {
        /// The document's name.
        source_name: String,
    },
    /// A line of a stream that is neither UTF-8 nor GB18030 text, or could not be read.
    #[error("{source_name}: line {line}: {message}")]
    Line {
        /// The stream's name.
        source_name: String,
        /// 1-based line.
        line: usize,
        /// What was wrong.
        message: String,
    },
}

/// Articles read one JSON Lines line at a time from a stream (standard input, a large file),
/// so that only one line is held at once. Blank lines are skipped; a bad line gives an error
/// naming the stream and the line, and reading goes on with the next line.
///
/// # Example
/// ```
/// use guanxi::text::corpus::JsonLines;
/// let input = "{\"text\":\"你好\"}\nnot json\n\n{\"text\":\"再见\"}\n";
/// let got: Vec<_> = JsonLines::new("-", input.as_bytes()).collect();
/// assert_eq!(got.len(), 3);
/// assert_eq!(got[0].as_ref().map(|d| d.text.as_str()), Ok("你好"));
/// assert!(got[1].as_ref().unwrap_err().to_string().starts_with("-: line 2:"));
/// ```
pub struct JsonLines<R> {
    name: String,
    reader: R,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R: std::io::BufRead> JsonLines<R> {
    /// Reads `reader`, calling it `name` in errors and as the articles' default source.
    pub fn new(name: &str, reader: R) -> JsonLines<R> {
        JsonLines {
            name: name.to_owned(),
            reader,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }
}

impl<R: std::io::BufRead> Iterator for JsonLines<R> {
    type Item = Result<Draft, CorpusError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            self.buf.clear();
            self.line += 1;
            let line_err = |line: usize, message: String| CorpusError::Line {
                source_name: self.name.clone(),
                line,
                message,
            };
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(line_err(self.line, e.to_string())));
                }
            }
            let mut bytes = self.buf.as_slice();
            if self.line == 1 {
                bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let text = match decode_detect(&self.name, bytes) {
                Ok((text, _)) => text,
                Err(e) => {
                    let message = match e {
                        CorpusError::Encoding { offset, .. } => {
                            format!("not UTF-8 or GB18030 text (invalid byte at offset {offset} of the line)")
                        }
                        CorpusError::Binary { .. } => "binary data, not text".to_owned(),
                        other => other.to_string(),
                    };
                    return Some(Err(line_err(self.line, message)));
                }
            };
            return Some(
                serde_json::from_str::<JsonArticle>(&text)
                    .map(|a| a.into_draft(&self.name))
                    .map_err(|e| CorpusError::Json {
                        source_name: self.name.clone(),
                        line: self.line,
                        message: e.to_string(),
                    }),
            );
        }
    }
}

#[derive(Deserialize)]
struct JsonArticle {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    authors: Option<Vec<String>>,
    #[serde(default)]
    editors: Option<Vec<String>>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    source: Option<String>,
    text: String,
}

impl JsonArticle {
    fn into_draft(self, source_name: &str) -> Draft {
        let id = match self.id {
            Some(serde_json::Value::String(s)) => Some(s),
            Some(v) => Some(v.to_string()),
            None => None,
        };
        Draft {
            title: self.title.unwrap_or_default(),
            authors: self.authors.unwrap_or_default(),
            editors: self.editors.unwrap_or_default(),
            date: self.date,
            source: self.source.or(id).unwrap_or_else(|| source_name.to_owned()),
            text: self.text,
        }
    }
}

/// The character encoding a document was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Encoding {
    /// UTF-8 (with or without BOM).
    Utf8,
    /// GB18030 (a superset of GBK and GB2312), common in Chinese-language exports.
    Gb18030,
}

impl Encoding {
    /// Display name.
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030/GBK",
        }
    }
}

/// Checks that bytes are text and returns them as a `String`, detecting the encoding: UTF-8
/// first, then GB18030/GBK when the bytes decode cleanly as that and yield Chinese text.
pub fn decode_detect(source_name: &str, bytes: &[u8]) -> Result<(String, Encoding), CorpusError> {
    match decode(source_name, bytes) {
        Ok(t) => Ok((t, Encoding::Utf8)),
        Err(CorpusError::Encoding { offset, .. }) => {
            if damaged_utf8(bytes) {
                // Read as GB18030, UTF-8 Chinese also decodes into Chinese characters: every
                // one of them wrong.
                return Err(CorpusError::Encoding {
                    source_name: source_name.to_owned(),
                    offset,
                });
            }
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            let han = text
                .chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .count();
            if had_errors
                || han == 0
                || han * 4 < text.chars().filter(|c| !c.is_ascii()).count() * 3
            {
                return Err(CorpusError::Encoding {
                    source_name: source_name.to_owned(),
                    offset,
                });
            }
            let text = text.into_owned();
            check_text(source_name, &text)?;
            Ok((text, Encoding::Gb18030))
        }
        Err(e) => Err(e),
    }
}

/// Whether bytes that are not UTF-8 are UTF-8 text with a few broken bytes (a cut or a
/// damaged copy): at least 16 multi-byte characters decode, and fewer than one broken
/// sequence for every 20 of them. GB18030 Chinese makes a broken sequence every few bytes.
fn damaged_utf8(bytes: &[u8]) -> bool {
    let mut good = 0usize;
    let mut broken = 0usize;
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += usize::from(!chunk.invalid().is_empty());
    }
    good >= 16 && broken * 20 < good
}

fn check_text(source_name: &str, text: &str) -> Result<(), CorpusError> {
    let controls = text
        .chars()
        .take(4096)
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if text.contains('\0') || controls > 8 {
        return Err(CorpusError::Binary {
            source_name: source_name.to_owned(),
        });
    }
    Ok(())
}

/// Checks that bytes are UTF-8 text and returns them as a `String`.
pub fn decode(source_name: &str, bytes: &[u8]) -> Result<String, CorpusError> {
    let text = std::str::from_utf8(bytes).map_err(|e| CorpusError::Encoding {
        source_name: source_name.to_owned(),
        offset: e.valid_up_to(),
    })?;
    check_text(source_name, text)?;
    Ok(text.trim_start_matches('\u{feff}').to_owned())
}

/// Reads one document: JSON (an array or one object), JSON Lines, or a plain-text page, in
/// UTF-8 or GB18030.
pub fn read(source_name: &str, bytes: &[u8]) -> Result<Vec<Draft>, CorpusError> {
    read_detect(source_name, bytes).map(|(d, _)| d)
}

/// [`read`], also saying which encoding was used.
pub fn read_detect(source_name: &str, bytes: &[u8]) -> Result<(Vec<Draft>, Encoding), CorpusError> {
    let (text, enc) = decode_detect(source_name, bytes)?;
    read_text(source_name, &text).map(|d| (d, enc))
}

/// Reads an already-decoded document.
pub fn read_text(source_name: &str, text: &str) -> Result<Vec<Draft>, CorpusError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(CorpusError::Empty {
            source_name: source_name.to_owned(),
        });
    }
    let json_err = |line: usize, message: String| CorpusError::Json {
        source_name: source_name.to_owned(),
        line,
        message,
    };
    if trimmed.starts_with('[') {
        let items: Vec<serde_json::Value> =
            serde_json::from_str(trimmed).map_err(|e| json_err(e.line(), e.to_string()))?;
        return items
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                serde_json::from_value::<JsonArticle>(v)
                    .map(|a| a.into_draft(source_name))
                    .map_err(|e| json_err(1, format!("item {}: {e}", i + 1)))
            })
            .collect();
    }
    if trimmed.starts_with('{') {
        let mut out = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let a: JsonArticle =
                serde_json::from_str(line).map_err(|e| json_err(n + 1, e.to_string()))?;
            out.push(a.into_draft(source_name));
        }
        return Ok(out);
    }
    Ok(page::split_page(text)
        .into_iter()
        .map(|a| Draft {
            source: source_name.to_owned(),
            ..a
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_with_only_text() {
        let got = read(
            "a.jsonl",
            "{\"text\":\"你好\"}\n\n{\"id\":7,\"text\":\"再见\"}\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].source, "7");
    }

    #[test]
    fn json_errors_name_line_and_field() {
        let e = read("b.jsonl", b"{\"text\":\"ok\"}\n{\"title\":\"x\"}\n").unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("b.jsonl: line 2") && msg.contains("text"),
            "{msg}"
        );
        let e = read("c.json", b"[{\"text\": 3}]").unwrap_err();
        assert!(e.to_string().contains("item 1"), "{e}");
    }

    #[test]
    fn gbk_text_is_detected() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("本报讯（王明）河南省举办活动。");
        let (drafts, enc) = read_detect("g.txt", &gbk).unwrap();
        assert_eq!(enc, Encoding::Gb18030);
        assert!(drafts[0].text.contains("河南省"));
        // Latin-1 bytes that are not Chinese either stay an error.
        assert!(read_detect("l.txt", &[0xe9, 0x74, 0xe9, 0x20, 0xe0]).is_err());
        // A long GBK page is still GBK, whatever sequences happen to be valid UTF-8.
        let page = include_str!("../../data/seed-page.txt");
        let (gbk, _, _) = encoding_rs::GB18030.encode(page);
        assert_eq!(
            read_detect("p.txt", &gbk).map(|(_, e)| e),
            Ok(Encoding::Gb18030)
        );
    }

    #[test]
    fn utf8_with_a_broken_byte_is_no_gbk() {
        // Found by fuzzing: the first byte of a UTF-8 page damaged; read as GB18030 every
        // character came out as another.
        let mut bytes = "县文明实践用心用情服务，我遛弯时看到小区新时代文明实践站有个点单服务。"
            .as_bytes()
            .to_vec();
        bytes[0] = 0xff;
        assert!(matches!(
            read_detect("u.txt", &bytes),
            Err(CorpusError::Encoding { offset: 0, .. })
        ));
    }

    #[test]
    fn bad_bytes() {
        assert!(matches!(
            read("x", &[0xff, 0xfe, 0x00]),
            Err(CorpusError::Encoding { .. })
        ));
        assert!(matches!(
            read("x", b"ab\0cd"),
            Err(CorpusError::Binary { .. })
        ));
        assert!(matches!(read("x", b"  \n"), Err(CorpusError::Empty { .. })));
    }
}
