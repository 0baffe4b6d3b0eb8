//! Test helper: what found lines (`甲 role 乙`, `北京 place`) must hold, written as one string, so
//! that a table of cases reads as the specification it is.

/// Whether `lines` hold `check`: `甲 role 乙` is one of them; `!甲 role 乙` is none; `…` stands
/// for any text (`!钱进 role…`: no line starts so, `!…partof…`: none holds the word);
/// `=甲 role 乙, 丙 within 丁` they are these and no other, in this order (`=`: there are none).
pub(crate) fn holds(lines: &[String], check: &str) -> bool {
    if let Some(all) = check.strip_prefix('=') {
        let all: Vec<&str> = all.split(", ").filter(|x| !x.is_empty()).collect();
        return lines == all;
    }
    match check.strip_prefix('!') {
        Some(pattern) => !lines.iter().any(|l| matches(l, pattern)),
        None => lines.iter().any(|l| matches(l, check)),
    }
}

/// Checks a table of cases (what the case shows, its input, its checks with `; ` between) on the
/// lines `lines` makes of each input, naming the failing case.
pub(crate) fn check_table(cases: &[(&str, &str, &str)], lines: impl Fn(&str) -> Vec<String>) {
    for (shows, input, checks) in cases {
        let found = lines(input);
        for check in checks.split("; ") {
            assert!(
                holds(&found, check),
                "{shows}: {input}: {check} in {found:?}"
            );
        }
    }
}

/// Whether `line` is `pattern`, where `…` stands for any text.
fn matches(line: &str, pattern: &str) -> bool {
    let mut parts = pattern.split('…');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = line.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

#[test]
fn checks_read_as_written() {
    let lines = [
        "钱进 role 南湖区委".to_owned(),
        "白水 within 大湾区".to_owned(),
    ];
    for (check, want) in [
        ("钱进 role 南湖区委", true),
        ("钱进 role 南湖", false),
        ("!钱进 role 南湖", true),
        ("!钱进 role…", false),
        ("!赵立 role…", true),
        ("!…partof…", true),
        ("!…within…", false),
        ("…湾区", true),
        ("白…大…区", true),
        ("白…区…区", false),
        ("白…湾…南", false),
        ("=钱进 role 南湖区委, 白水 within 大湾区", true),
        ("=钱进 role 南湖区委", false),
        ("=", false),
    ] {
        assert_eq!(holds(&lines, check), want, "{check}");
    }
    assert!(holds(&[], "="));
}
