//! Lists the recogniser's errors on the MSRA test split, grouped: boundary, type, missed, spurious.
use guanxi::text::msra;
fn main() {
    let text = std::fs::read_to_string("corpora/dh_msra.txt").expect("corpus");
    let all = msra::parse(&text).expect("parse");
    let test = &all[msra::TEST_START..];
    let k = guanxi::text::Knowledge::embedded().expect("knowledge");
    let model = k.model.as_ref().expect("model");
    let predicted = msra::predict(model, test, |s| &s.chars, &k);
    let (mut bound, mut kind, mut missed, mut spurious) = (0, 0, 0, 0);
    let mut examples: Vec<String> = Vec::new();
    for (s, pred) in test.iter().zip(&predicted) {
        let txt = |a: usize, b: usize| s.chars[a..b].iter().collect::<String>();
        for g in &s.spans {
            if pred.contains(g) {
                continue;
            }
            let overl = pred.iter().find(|p| p.start < g.end && g.start < p.end);
            match overl {
                Some(p) if p.start == g.start && p.end == g.end => {
                    kind += 1;
                    examples.push(format!(
                        "TYPE {} {:?}->{:?}",
                        txt(g.start, g.end),
                        g.kind,
                        p.kind
                    ));
                }
                Some(p) => {
                    bound += 1;
                    examples.push(format!(
                        "BOUND {:?} gold {} pred {}",
                        g.kind,
                        txt(g.start, g.end),
                        txt(p.start, p.end)
                    ));
                }
                None => {
                    missed += 1;
                    examples.push(format!("MISS {:?} {}", g.kind, txt(g.start, g.end)));
                }
            }
        }
        for p in pred {
            if !s.spans.iter().any(|g| g.start < p.end && p.start < g.end) {
                spurious += 1;
                examples.push(format!("SPUR {:?} {}", p.kind, txt(p.start, p.end)));
            }
        }
    }
    println!("boundary {bound} type {kind} missed {missed} spurious {spurious}");
    let merges = examples
        .iter()
        .filter(|e| e.starts_with("BOUND Per"))
        .count();
    println!("BOUND Per {merges}");
    for e in examples.iter().step_by(7).take(80) {
        println!("{e}");
    }
}
