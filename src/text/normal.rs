//! The characters the recognisers read: one char per char of the article, so every offset
//! found in them is an offset into the article's text as printed.
//!
//! Most web pages print `,` `;` `:` `(` where newspapers print `，` `；` `：` `（`; the
//! learned model was trained on print, and the rules split clauses at the full-width forms,
//! so half-width marks between Chinese words were read as parts of names (`,乡党委`).
//! Reading both forms as one keeps every rule and feature written once.
//!
//! Pages from Hong Kong, Taiwan and overseas print traditional characters (`美國總統`); the
//! model, the word list and the gazetteer know simplified ones, so reading maps each
//! traditional character to its simplified form, again one char for one.

mod traditional;

/// The full-width form of a half-width punctuation mark used between Chinese clauses, and
/// the simplified form of a traditional character (see `normal::traditional::TRADITIONAL`).
/// `.` and `-` are left alone: they sit inside numbers, dates and names (`中国-东盟`).
pub fn fold_char(c: char) -> char {
    if c >= '\u{3400}' {
        return simplified_char(c);
    }
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

/// The simplified form of a traditional character; any other character as it is.
pub fn simplified_char(c: char) -> char {
    // Every traditional character of the table is at or above U+3400: text below it (ASCII,
    // marks) needs no search.
    if c < '\u{3400}' {
        return c;
    }
    match traditional::TRADITIONAL.binary_search_by(|&(t, _)| t.cmp(&c)) {
        Ok(i) => traditional::TRADITIONAL[i].1,
        Err(_) => c,
    }
}

/// The article's characters as the recognisers read them (see [`fold_char`]). A straight
/// double quote `"` reads as `“` or `”` by turns within a line: web pages quote campaigns and
/// names (`"春风行动"`) with it where print uses the curly pair the rules know.
pub fn reading_chars(text: &str) -> Vec<char> {
    let mut open = false;
    text.chars()
        .map(|c| match c {
            '"' => {
                open = !open;
                if open {
                    '“'
                } else {
                    '”'
                }
            }
            '\n' => {
                open = false;
                c
            }
            _ => fold_char(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `printed` is read as `read`, one char for one.
    fn reads_as(printed: &str, read: &str) {
        let r = reading_chars(printed);
        assert_eq!(r.len(), printed.chars().count());
        assert_eq!(r.iter().collect::<String>(), read);
    }

    #[test]
    fn one_char_per_char_and_only_clause_marks_change() {
        reads_as(
            "3月1日,乡党委(扩大)会议;书记:张三!2.5亿元 中国-东盟",
            "3月1日，乡党委（扩大）会议；书记：张三！2.5亿元 中国-东盟",
        );
    }

    #[test]
    fn straight_double_quotes_read_as_a_curly_pair_per_line() {
        reads_as(
            "举行\"春风行动\"和\"就业援助月\"活动\n他说:\"好",
            "举行“春风行动”和“就业援助月”活动\n他说：“好",
        );
    }

    #[test]
    fn traditional_characters_read_as_simplified_ones() {
        reads_as(
            "美國總統特朗普與法國總統馬克龍在華盛頓會晤。",
            "美国总统特朗普与法国总统马克龙在华盛顿会晤。",
        );
        // Simplified text reads as it is, and so do characters that may stand for
        // themselves (`乾隆`, the surname `於`).
        for s in [
            "中华人民共和国主席江泽民在北京会见了他",
            "乾隆皇帝",
            "於梨华",
        ] {
            assert_eq!(reading_chars(s).iter().collect::<String>(), s);
        }
        // The table is sorted, as the search needs, and above the fast path's bound.
        assert!(traditional::TRADITIONAL.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(traditional::TRADITIONAL[0].0 >= '\u{3400}');
    }
}
