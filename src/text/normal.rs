//! The characters the recognisers read: one char per char of the article, so every offset
//! found in them is an offset into the article's text as printed.
//!
//! Most web pages print `,` `;` `:` `(` where newspapers print `，` `；` `：` `（`; the
//! learned model was trained on print, and the rules split clauses at the full-width forms,
//! so half-width marks between Chinese words were read as parts of names (`,乡党委`).
//! Reading both forms as one keeps every rule and feature written once.

/// The full-width form of a half-width punctuation mark used between Chinese clauses.
/// `.` and `-` are left alone: they sit inside numbers, dates and names (`中国-东盟`).
pub fn fold_char(c: char) -> char {
    match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '(' => '（',
        ')' => '）',
        '!' => '！',
        '?' => '？',
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The article's characters as the recognisers read them (see [`fold_char`]).
pub fn reading_chars(text: &str) -> Vec<char> {
    text.chars().map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_char_per_char_and_only_clause_marks_change() {
        let t = "3月1日,乡党委(扩大)会议;书记:张三!2.5亿元 中国-东盟";
        let r = reading_chars(t);
        assert_eq!(r.len(), t.chars().count());
        assert_eq!(
            r.iter().collect::<String>(),
            "3月1日，乡党委（扩大）会议；书记：张三！2.5亿元 中国-东盟"
        );
    }
}
