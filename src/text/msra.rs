//! The MSRA NER corpus (SIGHAN 2006) as distributed in `dh_msra.txt`: one `char<TAB>tag` per
//! line with BIO tags, a blank line between sentences. Also training and span-level scoring.

use super::ner::{self, Context, Model, NerSpan, NerType, Trainer};
use super::Knowledge;
use std::collections::{BTreeMap, HashMap};

/// Sentence index where the official test split starts.
pub const TEST_START: usize = 50_658;

/// One annotated sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    /// Characters.
    pub chars: Vec<char>,
    /// Gold spans.
    pub spans: Vec<NerSpan>,
}

/// A malformed line in the corpus file.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("line {line}: expected `char<TAB>tag`, got {content:?}")]
pub struct MsraError {
    /// 1-based line number.
    pub line: usize,
    /// The line's content (truncated).
    pub content: String,
}

/// Parses the corpus. Sentences the packager cut inside an entity (the next one begins with an
/// I- tag) are re-joined, as the official split counts them as one.
pub fn parse(text: &str) -> Result<Vec<Sentence>, MsraError> {
    let mut out: Vec<Sentence> = Vec::new();
    let mut chars = Vec::new();
    let mut bio: Vec<(u8, Option<NerType>)> = Vec::new(); // (0=O,1=B,2=I, type)
    let flush =
        |chars: &mut Vec<char>, bio: &mut Vec<(u8, Option<NerType>)>, out: &mut Vec<Sentence>| {
            if chars.is_empty() {
                return;
            }
            let continues = matches!(bio.first(), Some((2, _)));
            let spans = bio_spans(bio);
            match out.last_mut() {
                Some(prev) if continues => {
                    let mut all = prev_bio(prev);
                    all.extend(bio.iter().copied());
                    prev.chars.append(chars);
                    prev.spans = bio_spans(&all);
                }
                _ => out.push(Sentence {
                    chars: std::mem::take(chars),
                    spans,
                }),
            }
            chars.clear();
            bio.clear();
        };
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            flush(&mut chars, &mut bio, &mut out);
            continue;
        }
        let err = || MsraError {
            line: n + 1,
            content: line.chars().take(40).collect(),
        };
        let (c, t) = line.split_once('\t').ok_or_else(err)?;
        let mut cs = c.chars();
        let ch = cs.next().ok_or_else(err)?;
        if cs.next().is_some() {
            return Err(err());
        }
        let t = t.trim();
        let parsed = match t {
            "O" => (0, None),
            _ => {
                let (bi, ty) = t.split_once('-').ok_or_else(err)?;
                let ty = match ty {
                    "PER" => NerType::Per,
                    "LOC" => NerType::Loc,
                    "ORG" => NerType::Org,
                    _ => return Err(err()),
                };
                match bi {
                    "B" => (1, Some(ty)),
                    "I" => (2, Some(ty)),
                    _ => return Err(err()),
                }
            }
        };
        chars.push(ch);
        bio.push(parsed);
    }
    flush(&mut chars, &mut bio, &mut out);
    Ok(out)
}

fn prev_bio(s: &Sentence) -> Vec<(u8, Option<NerType>)> {
    let mut v = vec![(0u8, None); s.chars.len()];
    for sp in &s.spans {
        v[sp.start] = (1, Some(sp.kind));
        for x in &mut v[sp.start + 1..sp.end] {
            *x = (2, Some(sp.kind));
        }
    }
    v
}

fn bio_spans(bio: &[(u8, Option<NerType>)]) -> Vec<NerSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NerType)> = None;
    for (i, &(b, t)) in bio.iter().enumerate() {
        let continues = matches!((b, t, open), (2, Some(t), Some((_, o))) if t == o);
        if !continues {
            if let Some((s, k)) = open.take() {
                out.push(NerSpan {
                    start: s,
                    end: i,
                    kind: k,
                });
            }
            if let (1 | 2, Some(t)) = (b, t) {
                open = Some((i, t));
            }
        }
    }
    if let Some((s, k)) = open {
        out.push(NerSpan {
            start: s,
            end: bio.len(),
            kind: k,
        });
    }
    out
}

/// Training settings.
#[derive(Clone, Copy, Debug)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling order.
    pub seed: u64,
    /// Rows whose largest |weight| is below this are pruned from the shipped model.
    pub prune: f32,
    /// log2 of the dense training table's rows (hashed features).
    pub bits: u32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 15,
            seed: 42,
            prune: 3.0,
            bits: ner::TRAIN_BITS,
        }
    }
}

/// Trains a model; `progress` is called after every epoch with (epoch, sentences right).
pub fn train(
    sentences: &[Sentence],
    config: TrainConfig,
    mut progress: impl FnMut(usize, usize),
    kn: &Knowledge,
) -> Trainer {
    // Names of the training split, each tagged with the fold of the sentence it came from.
    let names = ner::NameList::build(sentences.iter().enumerate().flat_map(|(k, s)| {
        s.spans.iter().map(move |sp| {
            let t = match sp.kind {
                NerType::Per => 1,
                NerType::Loc => 2,
                NerType::Org => 4,
            };
            (
                s.chars[sp.start..sp.end].iter().collect::<String>(),
                t,
                Some(k % ner::FOLDS),
            )
        })
    }));
    let mut trainer = Trainer::new(config.bits, Some(names));
    let gold: Vec<Vec<ner::Tag>> = sentences
        .iter()
        .map(|s| ner::tags_from_spans(s.chars.len(), &s.spans))
        .collect();
    let docs = documents(sentences, |s| &s.chars);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = config.seed.max(1);
    for epoch in 0..config.epochs {
        // Fisher–Yates with xorshift: deterministic for a given seed on every platform.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut right = 0;
        for &k in &order {
            let doc = &docs[k / DOC_SENTENCES];
            if trainer.learn(
                &sentences[k].chars,
                &kn.lexicon,
                &gold[k],
                k % ner::FOLDS,
                doc,
            ) {
                right += 1;
            }
        }
        progress(epoch + 1, right);
    }
    trainer
}

/// The outside-tag shift (see [`Model::shift_outside`]) that maximises micro F1 on `dev`, with
/// that F1; the model is left shifted by it. Trained weights favour precision; a small shift
/// buys recall.
pub fn choose_outside_shift(model: &mut Model, dev: &[Sentence], kn: &Knowledge) -> (f32, f64) {
    let mut best = (0.0, evaluate(model, dev, kn)["ALL"].f1());
    let mut at = 0.0;
    // Steps of 2 up to 16 (the F1 curve is flat but not smooth there), then coarser.
    for shift in [2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 20.0, 24.0] {
        model.shift_outside(shift - at);
        at = shift;
        let f1 = evaluate(model, dev, kn)["ALL"].f1();
        if f1 > best.1 {
            best = (shift, f1);
        }
    }
    model.shift_outside(best.0 - at);
    best
}

/// Precision, recall and F1 counts for one type or overall.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted spans that match gold exactly (span and type).
    pub correct: usize,
    /// Predicted spans.
    pub predicted: usize,
    /// Gold spans.
    pub gold: usize,
}

impl Counts {
    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Exact span + type scores, per type and micro-averaged ("ALL").
pub fn score(gold: &[Vec<NerSpan>], predicted: &[Vec<NerSpan>]) -> BTreeMap<&'static str, Counts> {
    let mut out: BTreeMap<&'static str, Counts> = BTreeMap::new();
    for (g, p) in gold.iter().zip(predicted) {
        for s in g {
            out.entry(s.kind.as_str()).or_default().gold += 1;
            out.entry("ALL").or_default().gold += 1;
        }
        for s in p {
            let hit = g.contains(s);
            for key in [s.kind.as_str(), "ALL"] {
                let c = out.entry(key).or_default();
                c.predicted += 1;
                c.correct += hit as usize;
            }
        }
    }
    out
}

/// MSRA keeps no article boundaries, but its sentences are in reading order: runs of this many
/// consecutive sentences stand in for articles (the document the recogniser's repeat features
/// look at; in the app, the article itself).
pub const DOC_SENTENCES: usize = 25;

/// The documents of consecutive sentences, `DOC_SENTENCES` each: sentence `k` belongs to
/// document `k / DOC_SENTENCES`.
pub fn documents<T>(sentences: &[T], chars: impl Fn(&T) -> &[char]) -> Vec<ner::DocRepeats> {
    sentences
        .chunks(DOC_SENTENCES)
        .map(|block| {
            let mut d = ner::DocRepeats::default();
            for s in block {
                d.add(chars(s));
            }
            d
        })
        .collect()
}

/// `model` with the rows that tagging `sentences` uses most in its hot table (see
/// [`Model::with_hot_rows`]); the spans it finds are the same.
pub fn with_hot_rows(model: Model, sentences: &[Sentence], kn: &Knowledge) -> Model {
    let docs = documents(sentences, |s| &s.chars);
    let mut ctx = Context::default();
    let mut counts = HashMap::new();
    for (k, s) in sentences.iter().enumerate() {
        model.count_rows(
            &s.chars,
            &kn.lexicon,
            &docs[k / DOC_SENTENCES],
            &mut ctx,
            &mut counts,
        );
    }
    model.with_hot_rows(&counts)
}

/// The recogniser's spans for every sentence, each tagged in its document (runs of
/// [`DOC_SENTENCES`]), then made consistent within the document: a person the tagger found in
/// one sentence is found again where it missed the same name (see
/// [`ner::consistency::propagate`]; for places and organisations this did not hold up on the
/// held-out sentences).
pub fn predict<T>(
    model: &Model,
    sentences: &[T],
    chars: impl Fn(&T) -> &[char],
    kn: &Knowledge,
) -> Vec<Vec<NerSpan>> {
    let mut ctx = Context::default();
    let mut tags = Vec::new();
    // One document at a time, in one map kept for its allocation (and its place in cache).
    let mut doc = ner::DocRepeats::default();
    let mut predicted = Vec::with_capacity(sentences.len());
    for block in sentences.chunks(DOC_SENTENCES) {
        doc.clear();
        for s in block {
            doc.add(chars(s));
        }
        let first = predicted.len();
        predicted.extend(block.iter().map(|s| {
            model.tag_in(chars(s), &kn.lexicon, &doc, &mut ctx, &mut tags);
            model.spans(chars(s), &tags)
        }));
        let text: Vec<&[char]> = block.iter().map(&chars).collect();
        ner::consistency::propagate(&text, &mut predicted[first..], &[NerType::Per]);
    }
    predicted
}

/// Tags every sentence with `model` in its document (see [`predict`]) and scores it against
/// gold.
pub fn evaluate(
    model: &Model,
    sentences: &[Sentence],
    kn: &Knowledge,
) -> BTreeMap<&'static str, Counts> {
    let predicted = predict(model, sentences, |s| &s.chars, kn);
    let gold: Vec<Vec<NerSpan>> = sentences.iter().map(|s| s.spans.clone()).collect();
    score(&gold, &predicted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejoins_cut_sentences() {
        let text = "我\tO\n在\tO\n北\tB-LOC\n\n京\tI-LOC\n。\tO\n\n王\tB-PER\n";
        let s = parse(text).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].chars.iter().collect::<String>(), "我在北京。");
        assert_eq!(
            s[0].spans,
            vec![NerSpan {
                start: 2,
                end: 4,
                kind: NerType::Loc
            }]
        );
        assert_eq!(
            s[1].spans,
            vec![NerSpan {
                start: 0,
                end: 1,
                kind: NerType::Per
            }]
        );
    }

    #[test]
    fn reports_bad_lines() {
        let e = parse("我\tO\n在 O\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(parse("我\tB-XYZ\n").is_err());
    }

    #[test]
    fn scores_exact_matches() {
        let g = vec![vec![
            NerSpan {
                start: 0,
                end: 2,
                kind: NerType::Per,
            },
            NerSpan {
                start: 3,
                end: 5,
                kind: NerType::Loc,
            },
        ]];
        let p = vec![vec![
            NerSpan {
                start: 0,
                end: 2,
                kind: NerType::Per,
            },
            NerSpan {
                start: 3,
                end: 6,
                kind: NerType::Loc,
            },
        ]];
        let s = score(&g, &p);
        assert_eq!(
            s["ALL"],
            Counts {
                correct: 1,
                predicted: 2,
                gold: 2
            }
        );
        assert!((s["ALL"].f1() - 0.5).abs() < 1e-9);
    }
}
