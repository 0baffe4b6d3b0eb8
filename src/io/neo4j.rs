//! The whole graph as the CSV files `neo4j-admin database import full` reads, so that a corpus
//! too large for a browser can live in a graph database: entities and articles as nodes,
//! relations (and authorship) as relationships, with their evidence as properties.
//!
//! - `nodes.csv`: `id:ID,name,kind,aliases:string[],mentions:int,:LABEL`, one row per entity,
//!   labelled `Entity` and its kind (`Person`, `Place`, `Organisation`, `Programme`).
//! - `articles.csv`: `id:ID,title,date,source,authors:string[],text,:LABEL`, labelled `Article`.
//! - `relationships.csv`:
//!   `:START_ID,:END_ID,:TYPE,label,weight:int,evidence:string[],evidence_spans:string[]`, typed
//!   `WITHIN`, `ROLE`, `PART_OF`, `CO_OCCURS` between entities and `AUTHORED` (or `EDITED`)
//!   from a person to an article. `evidence` is the text each supporting span covers, `evidence_spans` where it
//!   is (`a3:10-15`: article, first code point, one past the last).
//!
//! Ids are the graph's (`e0`, `a0`): one id space, so neo4j-admin needs no id groups. Every
//! text field is quoted, with `"` doubled (RFC 4180, neo4j-admin's default); fields may hold
//! line breaks (import with `--multiline-fields=true`). Array items are joined by `;`,
//! neo4j-admin's default array delimiter, which has no escape: a `;` inside an item is written
//! as the full-width `；` (the recogniser reads the two as one mark). No byte-order mark.

use crate::model::{EntityKind, Extraction, RelationKind, Span};
use std::io::{self, Write};

/// The array delimiter the files use (neo4j-admin's default).
pub const ARRAY_DELIMITER: char = ';';

/// What an item of an array property holds in place of [`ARRAY_DELIMITER`].
pub const DELIMITER_IN_ITEM: char = '；';

/// The relationship type of a writer's credit, from a person to an article.
pub const AUTHORED: &str = "AUTHORED";
/// The relationship type of an editor's or reviewer's credit.
pub const EDITED: &str = "EDITED";

/// The header of `nodes.csv`.
pub const NODES_HEADER: &str = "id:ID,name,kind,aliases:string[],mentions:int,:LABEL";
/// The header of `articles.csv`.
pub const ARTICLES_HEADER: &str = "id:ID,title,date,source,authors:string[],text,:LABEL";
/// The header of `relationships.csv`.
pub const RELATIONSHIPS_HEADER: &str =
    ":START_ID,:END_ID,:TYPE,label,weight:int,evidence:string[],evidence_spans:string[]";

/// The file names, in the order of [`write_all`]'s writers.
pub const FILES: [&str; 3] = ["nodes.csv", "articles.csv", "relationships.csv"];

/// A quoted CSV field: `"` doubled.
fn field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A quoted array field: items joined by [`ARRAY_DELIMITER`], a delimiter inside an item
/// written as [`DELIMITER_IN_ITEM`].
fn array<S: AsRef<str>>(items: &[S]) -> String {
    let joined: Vec<String> = items
        .iter()
        .map(|s| {
            s.as_ref()
                .replace(ARRAY_DELIMITER, &DELIMITER_IN_ITEM.to_string())
        })
        .collect();
    field(&joined.join(&ARRAY_DELIMITER.to_string()))
}

fn label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Place => "Place",
        EntityKind::Organisation => "Organisation",
        EntityKind::Programme => "Programme",
    }
}

/// The relationship type of a relation kind (`CO_OCCURS`).
pub fn relationship_type(kind: RelationKind) -> String {
    kind.as_str().to_ascii_uppercase()
}

/// Writes `nodes.csv`: one row per entity.
pub fn write_nodes(x: &Extraction, w: &mut impl Write) -> io::Result<()> {
    write_rows(w, NODES_HEADER, &x.entities, |e| {
        [
            e.id.to_string(),
            field(&e.label),
            e.kind.as_str().to_owned(),
            array(&e.aliases),
            e.mentions.len().to_string(),
            format!("Entity{ARRAY_DELIMITER}{}", label(e.kind)),
        ]
    })
}

/// Writes `articles.csv`: one row per article, with its text (every span's offsets refer to it).
pub fn write_articles(x: &Extraction, w: &mut impl Write) -> io::Result<()> {
    write_rows(w, ARTICLES_HEADER, &x.articles, |a| {
        [
            a.id.to_string(),
            field(&a.title),
            field(a.date.as_deref().unwrap_or("")),
            field(&a.source),
            array(&a.authors),
            field(&a.text),
            "Article".to_owned(),
        ]
    })
}

/// Writes `header`, then one line per item: its cells, comma-separated (each already a CSV
/// field).
fn write_rows<T, const N: usize>(
    w: &mut impl Write,
    header: &str,
    items: &[T],
    cells: impl Fn(&T) -> [String; N],
) -> io::Result<()> {
    writeln!(w, "{header}")?;
    for item in items {
        writeln!(w, "{}", cells(item).join(","))?;
    }
    Ok(())
}

/// Writes `relationships.csv`: every relation between two entities, and every authorship.
pub fn write_relationships(x: &Extraction, w: &mut impl Write) -> io::Result<()> {
    writeln!(w, "{RELATIONSHIPS_HEADER}")?;
    // Articles' text as chars, made once per article that evidence refers to and kept
    // while they hold fewer than CACHED_CHARS chars in all (memory stays bounded).
    const CACHED_CHARS: usize = 1 << 22;
    let mut chars: std::collections::HashMap<crate::model::ArticleId, Vec<char>> =
        std::collections::HashMap::new();
    let mut cached = 0usize;
    let mut text_of = |s: &Span| -> String {
        let Some(a) = x.article(s.article) else {
            return String::new();
        };
        if !chars.contains_key(&s.article) && cached > CACHED_CHARS {
            chars.clear();
            cached = 0;
        }
        let cs = chars.entry(s.article).or_insert_with(|| {
            let cs: Vec<char> = a.text.chars().collect();
            cached += cs.len();
            cs
        });
        cs.get(s.start as usize..s.end as usize)
            .map(|c| c.iter().collect())
            .unwrap_or_default()
    };
    let relations = x.edges().map(|(_, r)| {
        let ty = relationship_type(r.kind);
        (
            r.source,
            r.target.to_string(),
            ty,
            r.label.as_deref(),
            r.weight,
            &r.evidence[..],
        )
    });
    let credits = x.credits.iter().map(|c| {
        let evidence = c.evidence.as_slice();
        (
            c.person,
            c.article.to_string(),
            match c.role {
                crate::model::CreditRole::Wrote => AUTHORED,
                crate::model::CreditRole::Edited => EDITED,
            }
            .to_owned(),
            None,
            1,
            evidence,
        )
    });
    for (source, end, ty, label, weight, spans) in relations.chain(credits) {
        let evidence: Vec<String> = spans.iter().map(&mut text_of).collect();
        let spans: Vec<String> = spans
            .iter()
            .map(|s| format!("{}:{}-{}", s.article, s.start, s.end))
            .collect();
        writeln!(
            w,
            "{source},{end},{ty},{},{weight},{},{}",
            field(label.unwrap_or("")),
            array(&evidence),
            array(&spans),
        )?;
    }
    Ok(())
}

/// Writes the three files, in the order of [`FILES`].
pub fn write_all(
    x: &Extraction,
    nodes: &mut impl Write,
    articles: &mut impl Write,
    relationships: &mut impl Write,
) -> io::Result<()> {
    write_nodes(x, nodes)?;
    write_articles(x, articles)?;
    write_relationships(x, relationships)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_quote_and_arrays_keep_their_delimiter_out() {
        assert_eq!(field("a\"b,c\nd"), "\"a\"\"b,c\nd\"");
        assert_eq!(array(&["甲;乙", "丙"]), "\"甲；乙;丙\"");
        assert_eq!(array::<&str>(&[]), "\"\"");
        assert_eq!(relationship_type(RelationKind::CoOccurs), "CO_OCCURS");
    }
}
