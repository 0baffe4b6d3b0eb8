//! Tags: the recogniser's entity types, BIOES tags and their spans.

/// Entity types the recogniser knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NerType {
    /// Person.
    Per,
    /// Place.
    Loc,
    /// Organisation.
    Org,
}

impl NerType {
    /// All types, in tag order.
    pub const ALL: [NerType; 3] = [NerType::Per, NerType::Loc, NerType::Org];
    /// MSRA's name.
    pub fn as_str(self) -> &'static str {
        match self {
            NerType::Per => "PER",
            NerType::Loc => "LOC",
            NerType::Org => "ORG",
        }
    }
}

/// A BIOES tag; `0` is O, then B, I, E, S for each type.
pub type Tag = u8;
/// Number of tags: O + 4 × 3.
pub const N_TAGS: usize = 13;

/// The tag for position `pos` (0 = B, 1 = I, 2 = E, 3 = S) of type `t`.
pub fn tag(t: NerType, pos: u8) -> Tag {
    1 + (t as u8) * 4 + pos
}

pub(super) fn tag_parts(tag: Tag) -> Option<(NerType, u8)> {
    if tag == 0 || tag as usize >= N_TAGS {
        return None;
    }
    Some((NerType::ALL[((tag - 1) / 4) as usize], (tag - 1) % 4))
}

/// Whether tag `b` may follow tag `a` in BIOES.
pub fn allowed(a: Tag, b: Tag) -> bool {
    let open = |t: Tag| matches!(tag_parts(t), Some((_, 0 | 1)));
    match (tag_parts(a), tag_parts(b)) {
        (_, Some((tb, 1 | 2))) => matches!(tag_parts(a), Some((ta, 0 | 1)) if ta == tb),
        _ => !open(a),
    }
}

pub(super) fn allowed_start(t: Tag) -> bool {
    !matches!(tag_parts(t), Some((_, 1 | 2)))
}

pub(super) fn allowed_end(t: Tag) -> bool {
    !matches!(tag_parts(t), Some((_, 0 | 1)))
}

/// A recognised span, in char offsets of the tagged sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NerSpan {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Type.
    pub kind: NerType,
}

impl NerSpan {
    /// The span `start..end` of `kind`.
    pub const fn new(start: usize, end: usize, kind: NerType) -> NerSpan {
        NerSpan { start, end, kind }
    }
}

/// Reads spans out of a BIOES (or BIO) tag sequence.
pub fn spans_from_tags(tags: &[Tag]) -> Vec<NerSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NerType)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match tag_parts(t) {
            Some((k, 0)) => open = Some((i, k)),
            Some((k, 3)) => {
                out.push(NerSpan {
                    start: i,
                    end: i + 1,
                    kind: k,
                });
                open = None;
            }
            Some((k, 2)) => {
                if let Some((s, ok)) = open.take() {
                    if ok == k {
                        out.push(NerSpan {
                            start: s,
                            end: i + 1,
                            kind: k,
                        });
                    }
                }
            }
            Some((k, _)) => {
                if !matches!(open, Some((_, ok)) if ok == k) {
                    open = None;
                }
            }
            None => open = None,
        }
    }
    out
}

/// Writes spans as BIOES tags over `n` chars.
pub fn tags_from_spans(n: usize, spans: &[NerSpan]) -> Vec<Tag> {
    let mut tags = vec![0; n];
    for s in spans.iter().filter(|s| s.end <= n && s.start < s.end) {
        if s.end - s.start == 1 {
            tags[s.start] = tag(s.kind, 3);
        } else {
            tags[s.start] = tag(s.kind, 0);
            for t in &mut tags[s.start + 1..s.end - 1] {
                *t = tag(s.kind, 1);
            }
            tags[s.end - 1] = tag(s.kind, 2);
        }
    }
    tags
}
