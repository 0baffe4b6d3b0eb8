//! The learned recogniser: a character-level averaged perceptron over BIOES tags with Viterbi
//! decoding, for people (PER), places (LOC) and organisations (ORG).
//!
//! Features are hashed (no feature strings are stored): character n-grams in a ±3 window,
//! character classes, lexicon matches (gazetteer place names, organisation suffixes,
//! surnames, titles, dictionary words, names of the training data), and strings that recur in
//! the same document ([`DocRepeats`]). Training keeps a dense table of 2^[`TRAIN_BITS`] rows;
//! the shipped model keeps only rows that matter, quantised to `i8`, in a deflated file loaded
//! with [`Model::from_bytes`].

pub mod consistency;
mod decode;
mod features;
mod file;
mod forms;
mod lists;
mod load;
mod table;
mod tags;
mod train;

use super::lexicon;
pub use forms::{FormIndex, Longest};
use lists::NameStarts;
pub use load::ModelLoad;
use std::collections::HashMap;
use table::{HashBits, HotTable, Slot, Table, KEY_BITS};

pub use decode::*;
pub use features::*;
pub use file::*;
pub use tags::*;
pub use train::*;
#[allow(unused_imports)]
use {decode::*, features::*, file::*, tags::*, train::*};

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> std::sync::Arc<crate::text::Knowledge> {
        crate::text::knowledge::testing::shipped()
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn bioes_round_trip_and_constraints() {
        let spans = vec![
            NerSpan {
                start: 0,
                end: 2,
                kind: NerType::Per,
            },
            NerSpan {
                start: 3,
                end: 4,
                kind: NerType::Loc,
            },
            NerSpan {
                start: 5,
                end: 9,
                kind: NerType::Org,
            },
        ];
        let tags = tags_from_spans(10, &spans);
        assert_eq!(spans_from_tags(&tags), spans);
        for w in tags.windows(2) {
            assert!(allowed(w[0], w[1]), "{w:?}");
        }
        assert!(!allowed(tag(NerType::Per, 0), 0));
        assert!(!allowed(0, tag(NerType::Loc, 1)));
        assert!(!allowed(tag(NerType::Per, 0), tag(NerType::Loc, 2)));
    }

    #[test]
    fn perceptron_learns_a_toy_language() {
        // Names are 2-3 chars after 叫; places end in 市.
        let per = |n: usize| {
            vec![NerSpan {
                start: 2,
                end: 2 + n,
                kind: NerType::Per,
            }]
        };
        let loc = |n: usize| {
            vec![NerSpan {
                start: 2,
                end: 2 + n,
                kind: NerType::Loc,
            }]
        };
        let data = [
            ("他叫王小明。", per(3)),
            ("我去甲乙市。", loc(3)),
            ("她叫李红。", per(2)),
            ("你去丙丁市。", loc(3)),
            ("他叫孙大刚。", per(3)),
            ("我去庚辛壬市。", loc(4)),
            ("她叫周小丽。", per(3)),
            ("他去癸子市。", loc(3)),
            ("她去丑寅卯市。", loc(4)),
            ("你去辰巳市。", loc(3)),
        ];
        let mut tr = Trainer::new(16, None);
        for _ in 0..10 {
            for (s, sp) in &data {
                let c = chars(s);
                tr.learn(
                    &c,
                    &lexicon().lexicon,
                    &tags_from_spans(c.len(), sp),
                    0,
                    &DocRepeats::default(),
                );
            }
        }
        let model = tr.finish(0.0);
        let model = Model::from_bytes(&model.to_bytes()).expect("round trip");
        let mut ctx = Context::default();
        let got = model.recognise(
            &chars("他叫赵小刚。我去戊己市。"),
            &lexicon().lexicon,
            &mut ctx,
        );
        assert_eq!(
            got,
            vec![
                NerSpan {
                    start: 2,
                    end: 5,
                    kind: NerType::Per
                },
                NerSpan {
                    start: 8,
                    end: 11,
                    kind: NerType::Loc
                },
            ]
        );
    }

    #[test]
    fn repeats_mark_the_longest_string_recurring_in_the_document() {
        let doc_text = chars("柯文远说，今天下雨。记者见到柯文远时，他在读书。");
        let mut doc = DocRepeats::default();
        doc.add(&doc_text);
        let mut ctx = Context::default();
        let sentence = chars("记者见到柯文远时，他在读书。");
        ctx.features(&sentence, &lexicon().lexicon, None, None, &doc);
        // 柯文远 recurs (2 times), and so does nothing longer starting at 柯.
        assert_eq!(ctx.lex.rep_begin[4], 3);
        assert_eq!(ctx.lex.rep_end[6], 3);
        // 记者见到 occurs once: no repeat starts at 记.
        assert_eq!(ctx.lex.rep_begin[0], 0);
        // Punctuation breaks runs.
        assert_eq!(ctx.lex.rep_begin[8], 0);
        // Alone, the sentence repeats nothing.
        let mut alone = DocRepeats::default();
        alone.add(&sentence);
        ctx.features(&sentence, &lexicon().lexicon, None, None, &alone);
        assert!(ctx.lex.rep_begin.iter().all(|&r| r == 0));
    }

    #[test]
    fn outside_shift_survives_the_model_file() {
        let mut tr = Trainer::new(12, None);
        let c = chars("他叫王小明。");
        let sp = [NerSpan {
            start: 2,
            end: 5,
            kind: NerType::Per,
        }];
        tr.learn(
            &c,
            &lexicon().lexicon,
            &tags_from_spans(c.len(), &sp),
            0,
            &DocRepeats::default(),
        );
        let mut model = tr.finish(0.0);
        let before = model.trans;
        model.shift_outside(5.0);
        let model = Model::from_bytes(&model.to_bytes()).expect("round trip");
        for from in 0..N_TAGS {
            assert_eq!(model.trans[from * N_TAGS], before[from * N_TAGS] - 5.0);
            assert_eq!(model.trans[from * N_TAGS + 1], before[from * N_TAGS + 1]);
        }
    }

    #[test]
    #[cfg_attr(debug_assertions, ignore = "compresses 300 MB: run with --release")]
    fn model_file_that_inflates_past_any_model_is_refused_while_inflating() {
        // 300 MB of zeros deflate to about 300 KB: refused at the limit, not inflated whole.
        let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&vec![0u8; 300 << 20], 1);
        assert!(bomb.len() < 2 << 20);
        assert_eq!(
            Model::from_bytes(&bomb).err(),
            Some(ModelError::Compression)
        );
    }

    #[test]
    fn model_file_rejects_garbage() {
        assert_eq!(
            Model::from_bytes(b"nope").err(),
            Some(ModelError::Compression)
        );
        let junk = miniz_oxide::deflate::compress_to_vec_zlib(b"GXNER\x00\x01\x00\x10", 6);
        assert_eq!(Model::from_bytes(&junk).err(), Some(ModelError::Truncated));
        let bad = miniz_oxide::deflate::compress_to_vec_zlib(b"XXXXXXXXXXXXXXXXXXXXXXX", 6);
        assert_eq!(Model::from_bytes(&bad).err(), Some(ModelError::Header));
        // More hot rows than rows.
        let mut raw = MAGIC.to_vec();
        for v in [20u32, 3, 4] {
            raw.extend_from_slice(&v.to_le_bytes());
        }
        let hot = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6);
        assert_eq!(Model::from_bytes(&hot).err(), Some(ModelError::Header));
    }

    #[test]
    fn decoder_shortcuts_are_the_bioes_rules() {
        for t in 0..N_TAGS {
            let preds: Vec<usize> = (0..N_TAGS)
                .filter(|&s| allowed(s as Tag, t as Tag))
                .collect();
            let want = if OPENING.contains(&t) {
                CLOSED.to_vec()
            } else {
                let b = 1 + (t - 1) / 4 * 4;
                vec![b, b + 1]
            };
            assert_eq!(preds, want, "before tag {t}");
        }
    }

    #[test]
    fn hash_bits_hold_what_went_in_and_answer_no_elsewhere() {
        let mut bits = HashBits::new();
        let keys = [0u32, 1, 0x00AB_CDEF, 0x00FF_FFFE];
        for k in keys {
            bits.insert(row_hash(k));
        }
        bits.insert(0xDEAD_BEEF_0000_0000);
        for k in keys {
            assert!(bits.may_have(row_hash(k)), "{k:x}");
        }
        assert!(bits.may_have(0xDEAD_B123_4567_89AB), "same top 20 bits");
        // Keys differing in their top 20 bits from every key put in.
        assert!(!bits.may_have(row_hash(0x0012_3456)));
        assert!(!bits.may_have(0x1234_5678_0000_0000));
    }

    #[test]
    fn numerals_and_han_have_their_classes() {
        assert_eq!(class('三'), 1);
        assert_eq!(class('〇'), 1);
        assert_eq!(class('王'), 3);
        assert_eq!(class('７'), 1);
    }

    #[test]
    fn models_keep_keys_narrow() {
        // A header asking for wider keys than a slot holds is refused.
        let mut raw = MAGIC.to_vec();
        raw.extend_from_slice(&(KEY_BITS + 1).to_le_bytes());
        raw.extend_from_slice(&0u32.to_le_bytes());
        let wide = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6);
        assert_eq!(Model::from_bytes(&wide).err(), Some(ModelError::Header));
    }

    #[test]
    fn hot_rows_change_where_rows_live_not_what_the_model_says() {
        let mut tr = Trainer::new(14, None);
        let text = [
            (
                "王小明在北京工作。",
                [(0, 3, NerType::Per), (4, 6, NerType::Loc)],
            ),
            (
                "李华到上海开会。",
                [(0, 2, NerType::Per), (3, 5, NerType::Loc)],
            ),
        ];
        let data: Vec<(Vec<char>, Vec<Tag>)> = text
            .iter()
            .map(|(t, sp)| {
                let c = chars(t);
                let sp: Vec<NerSpan> = sp
                    .iter()
                    .map(|&(start, end, kind)| NerSpan { start, end, kind })
                    .collect();
                let tags = tags_from_spans(c.len(), &sp);
                (c, tags)
            })
            .collect();
        for _ in 0..5 {
            for (c, g) in &data {
                tr.learn(c, &lexicon().lexicon, g, 0, &DocRepeats::default());
            }
        }
        let cold = tr.finish(0.0);
        let mut ctx = Context::default();
        let probe = chars("王小明和李华在北京、上海。");
        let before = cold.recognise(&probe, &lexicon().lexicon, &mut ctx);
        let mut counts = HashMap::new();
        // Rows only the second sentence uses stay cold.
        cold.count_rows(
            &data[0].0,
            &lexicon().lexicon,
            &DocRepeats::default(),
            &mut ctx,
            &mut counts,
        );
        let rows = cold.rows();
        let hot = cold.with_hot_rows(&counts);
        let n_hot = hot.hot.rows();
        assert!(n_hot > 40 && n_hot < rows, "{n_hot} of {rows}");
        // The file keeps the split; the loaded model tags as before.
        let back = Model::from_bytes(&hot.to_bytes()).expect("round trip");
        assert_eq!((back.hot.rows(), back.rows()), (n_hot, rows));
        assert_eq!(back.recognise(&probe, &lexicon().lexicon, &mut ctx), before);
        assert!(!before.is_empty());
    }
}
