//! Training: the dense averaged perceptron, quantised into a [`Model`] when done.

use super::*;

/// An averaged perceptron being trained; dense and large, native only in practice.
pub struct Trainer {
    pub(super) mask: u64,
    pub(super) w: Vec<f32>,
    /// Sum of (timestamp × update), for lazy averaging.
    pub(super) u: Vec<f32>,
    pub(super) trans: [f32; N_TAGS * N_TAGS],
    pub(super) trans_u: [f32; N_TAGS * N_TAGS],
    pub(super) t: f32,
    pub(super) ctx: Context,
    pub(super) pred: Vec<Tag>,
    pub(super) names: Option<NameList>,
}

pub(super) struct Dense<'a>(&'a Trainer);

impl Weights for Dense<'_> {
    fn all_emissions(&self, ctx: &mut Context) {
        let ems = ctx.feats.chunks_exact(FEATS_PER_POS).map(|feats| {
            let mut em = [0f32; N_TAGS];
            for &f in feats {
                let row = ((f & self.0.mask) as usize) * N_TAGS;
                for (a, b) in em.iter_mut().zip(&self.0.w[row..row + N_TAGS]) {
                    *a += b;
                }
            }
            em
        });
        ctx.ems.clear();
        ctx.ems.extend(ems);
    }
    fn transition(&self, a: Tag, b: Tag) -> f32 {
        self.0.trans[a as usize * N_TAGS + b as usize]
    }
}

impl Trainer {
    /// A fresh trainer with 2^`bits` feature rows and optional learned names (built with
    /// fold numbers, see [`NameList`]).
    pub fn new(bits: u32, names: Option<NameList>) -> Trainer {
        let rows = 1usize << bits;
        Trainer {
            mask: (rows - 1) as u64,
            w: vec![0.0; rows * N_TAGS],
            u: vec![0.0; rows * N_TAGS],
            trans: [0.0; N_TAGS * N_TAGS],
            trans_u: [0.0; N_TAGS * N_TAGS],
            t: 1.0,
            ctx: Context::default(),
            pred: Vec::new(),
            names,
        }
    }

    /// One perceptron step on a sentence of fold `fold`; returns whether the prediction was
    /// already right.
    /// `doc` holds the sentence's document (see [`DocRepeats`]).
    pub fn learn(
        &mut self,
        chars: &[char],
        lex: &Lexicon,
        gold: &[Tag],
        fold: usize,
        doc: &DocRepeats,
    ) -> bool {
        let n = chars.len();
        let mut ctx = std::mem::take(&mut self.ctx);
        let mut pred = std::mem::take(&mut self.pred);
        ctx.features(chars, lex, self.names.as_ref(), Some(fold), doc);
        let trans = masked_transitions(&Dense(self));
        viterbi(&Dense(self), &trans, &mut ctx, n, &mut pred);
        let correct = pred == gold;
        if !correct {
            let t = self.t;
            for i in 0..n {
                if pred[i] != gold[i] {
                    for &f in &ctx.feats[i * FEATS_PER_POS..(i + 1) * FEATS_PER_POS] {
                        let row = ((f & self.mask) as usize) * N_TAGS;
                        self.w[row + gold[i] as usize] += 1.0;
                        self.u[row + gold[i] as usize] += t;
                        self.w[row + pred[i] as usize] -= 1.0;
                        self.u[row + pred[i] as usize] -= t;
                    }
                }
                if i > 0 && (pred[i] != gold[i] || pred[i - 1] != gold[i - 1]) {
                    let g = gold[i - 1] as usize * N_TAGS + gold[i] as usize;
                    let p = pred[i - 1] as usize * N_TAGS + pred[i] as usize;
                    self.trans[g] += 1.0;
                    self.trans_u[g] += t;
                    self.trans[p] -= 1.0;
                    self.trans_u[p] -= t;
                }
            }
        }
        self.t += 1.0;
        self.ctx = ctx;
        self.pred = pred;
        correct
    }

    /// The averaged weights as a compact model: rows whose largest absolute weight is below
    /// `prune` (in weight units) are dropped; the rest are quantised to `i8`.
    pub fn finish(mut self, prune: f32) -> Model {
        let t = self.t;
        let avg = |w: f32, u: f32| w - u / t;
        let rows = self.w.len() / N_TAGS;
        let mut max_abs = 0f32;
        let mut kept: Vec<(u32, [f32; N_TAGS])> = Vec::new();
        for r in 0..rows {
            let mut v = [0f32; N_TAGS];
            let mut m = 0f32;
            for (k, x) in v.iter_mut().enumerate() {
                *x = avg(self.w[r * N_TAGS + k], self.u[r * N_TAGS + k]);
                m = m.max(x.abs());
            }
            if m >= prune && m > 0.0 {
                max_abs = max_abs.max(m);
                kept.push((r as u32, v));
            }
        }
        let scale = if max_abs > 0.0 { max_abs / 127.0 } else { 1.0 };
        let mut trans = [0f32; N_TAGS * N_TAGS];
        for (k, t_) in trans.iter_mut().enumerate() {
            *t_ = avg(self.trans[k], self.trans_u[k]) / scale;
        }
        let rows_q: Vec<(u32, [i8; N_TAGS])> = kept
            .into_iter()
            .map(|(r, v)| (r, v.map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8)))
            .collect();
        let names = self.names.take();
        let bits = self.mask.count_ones();
        let cold = rows_q
            .into_iter()
            .map(|(key, w)| Slot::new(key, w))
            .collect();
        let cold = Table::new(cold, bits, false);
        Model::new(self.mask, trans, HotTable::new(), cold, names)
    }
}
