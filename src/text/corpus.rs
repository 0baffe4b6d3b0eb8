//! Reading input documents: plain-text pages (split by [`super::page`]) and JSON / JSON Lines
//! of already-split articles (`{"title", "authors", "date", "source", "text"}` or
//! `{"id", "text"}`, only `text` required), taken as-is.

use super::page;
use serde::Deserialize;

/// An article before it gets an id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// Title (may be empty for JSON input without one).
    pub title: String,
    /// Authors.
    pub authors: Vec<String>,
    /// Date, if known.
    pub date: Option<String>,
    /// Source label (file name, or the JSON `source`/`id`).
    pub source: String,
    /// Text.
    pub text: String,
}

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
            date: self.date,
            source: self.source.or(id).unwrap_or_else(|| source_name.to_owned()),
            text: self.text,
        }
    }
}

/// Checks that bytes are text and returns them as `&str`.
pub fn decode(source_name: &str, bytes: &[u8]) -> Result<String, CorpusError> {
    let text = std::str::from_utf8(bytes).map_err(|e| CorpusError::Encoding {
        source_name: source_name.to_owned(),
        offset: e.valid_up_to(),
    })?;
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
    Ok(text.trim_start_matches('\u{feff}').to_owned())
}

/// Reads one document: JSON (an array or one object), JSON Lines, or a plain-text page.
pub fn read(source_name: &str, bytes: &[u8]) -> Result<Vec<Draft>, CorpusError> {
    let text = decode(source_name, bytes)?;
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
    Ok(page::split_page(&text)
        .into_iter()
        .map(|a| Draft {
            title: a.title,
            authors: a.authors,
            date: None,
            source: source_name.to_owned(),
            text: a.text,
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
