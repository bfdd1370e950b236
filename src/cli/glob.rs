//! `--glob` patterns: `*` (any run within one path segment), `**` (any run, across `/`), `?`
//! (one character), `[abc]`, `[a-z]`, `[!abc]`. Matching is dynamic programming over pattern ×
//! text, so it is polynomial on any pattern (no exponential backtracking on `*a*a*a*b`).

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Char(char),
    Any,
    Star,
    DoubleStar,
    /// `**/`: zero or more whole folders.
    AnyDirs,
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

/// One compiled pattern.
#[derive(Clone, Debug)]
pub struct Glob {
    toks: Vec<Tok>,
    /// Patterns with a `/` are matched against the path below the folder, others against the
    /// file name (as in .gitignore and ripgrep).
    on_path: bool,
}

impl Glob {
    pub fn new(pattern: &str) -> Result<Glob, String> {
        let mut toks = Vec::new();
        let mut it = pattern.chars().peekable();
        while let Some(c) = it.next() {
            match c {
                '*' if it.peek() == Some(&'*') => {
                    it.next();
                    if it.peek() == Some(&'/') {
                        it.next();
                        toks.push(Tok::AnyDirs);
                    } else {
                        toks.push(Tok::DoubleStar);
                    }
                }
                '*' => toks.push(Tok::Star),
                '?' => toks.push(Tok::Any),
                '[' => {
                    let mut negated = false;
                    if matches!(it.peek(), Some('!') | Some('^')) {
                        negated = true;
                        it.next();
                    }
                    let mut ranges = Vec::new();
                    let mut first = true;
                    loop {
                        let Some(a) = it.next() else {
                            return Err(format!("glob {pattern:?}: unclosed '['"));
                        };
                        if a == ']' && !first {
                            break;
                        }
                        first = false;
                        if it.peek() == Some(&'-') {
                            it.next();
                            match it.next() {
                                Some(']') => {
                                    ranges.push((a, a));
                                    ranges.push(('-', '-'));
                                    break;
                                }
                                Some(b) => ranges.push((a, b)),
                                None => return Err(format!("glob {pattern:?}: unclosed '['")),
                            }
                        } else {
                            ranges.push((a, a));
                        }
                    }
                    toks.push(Tok::Class { negated, ranges });
                }
                '\\' => toks.push(Tok::Char(it.next().unwrap_or('\\'))),
                c => toks.push(Tok::Char(c)),
            }
        }
        Ok(Glob {
            toks,
            on_path: pattern.contains('/'),
        })
    }

    /// Whether a file (its path relative to the walked folder, with `/` separators) matches.
    pub fn matches_file(&self, rel_path: &str) -> bool {
        if self.on_path {
            self.matches(rel_path.trim_start_matches('/'))
        } else {
            self.matches(rel_path.rsplit('/').next().unwrap_or(rel_path))
        }
    }

    fn matches(&self, text: &str) -> bool {
        let t: Vec<char> = text.chars().collect();
        // ok[j]: the tokens so far match t[..j].
        let mut ok = vec![false; t.len() + 1];
        ok[0] = true;
        for tok in &self.toks {
            let mut next = vec![false; t.len() + 1];
            match tok {
                Tok::Star | Tok::DoubleStar => {
                    let mut run = false;
                    for j in 0..=t.len() {
                        run =
                            ok[j] || (run && j > 0 && (*tok == Tok::DoubleStar || t[j - 1] != '/'));
                        next[j] = run;
                    }
                }
                Tok::AnyDirs => {
                    // Nothing, or anything that ends with '/': `**/x` matches `x` and `p/q/x`.
                    let mut seen = false;
                    for j in 0..=t.len() {
                        next[j] = ok[j] || (seen && t[j - 1] == '/');
                        seen |= ok[j];
                    }
                }
                _ => {
                    for j in 1..=t.len() {
                        next[j] = ok[j - 1] && single(tok, t[j - 1]);
                    }
                }
            }
            ok = next;
        }
        ok[t.len()]
    }
}

fn single(tok: &Tok, c: char) -> bool {
    match tok {
        Tok::Char(p) => *p == c,
        Tok::Any => c != '/',
        Tok::Class { negated, ranges } => {
            c != '/' && ranges.iter().any(|&(a, b)| a <= c && c <= b) != *negated
        }
        Tok::Star | Tok::DoubleStar | Tok::AnyDirs => true,
    }
}

/// A set of patterns; empty means "every file".
#[derive(Clone, Debug, Default)]
pub struct Globs(Vec<Glob>);

impl Globs {
    pub fn new(patterns: &[String]) -> Result<Globs, String> {
        patterns
            .iter()
            .map(|p| Glob::new(p))
            .collect::<Result<_, _>>()
            .map(Globs)
    }

    pub fn accepts(&self, rel_path: &str) -> bool {
        self.0.is_empty() || self.0.iter().any(|g| g.matches_file(rel_path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_table() {
        let table: &[(&str, &str, bool)] = &[
            ("*.txt", "a/b/report.txt", true),
            ("*.txt", "a/b/report.md", false),
            ("*.txt", "report.txt.bak", false),
            ("report-?.md", "x/report-1.md", true),
            ("report-?.md", "x/report-12.md", false),
            ("*.[ch]", "src/x.c", true),
            ("*.[ch]", "src/x.o", false),
            ("[!a]*", "b.txt", true),
            ("[!a]*", "a.txt", false),
            ("[a-c]x", "bx", true),
            ("[a-c]x", "dx", false),
            ("sub/*.txt", "sub/a.txt", true),
            ("sub/*.txt", "sub/deeper/a.txt", false),
            ("sub/**", "sub/deeper/a.txt", true),
            ("**/a.txt", "a.txt", true),
            ("**/a.txt", "x/y/a.txt", true),
            ("**/a.txt", "xa.txt", false),
            ("x/**/a.txt", "x/a.txt", true),
            ("x/**/a.txt", "x/p/q/a.txt", true),
            ("x/**/a.txt", "xa.txt", false),
            ("*", ".hidden", true),
        ];
        for &(pat, path, want) in table {
            assert_eq!(
                Glob::new(pat).unwrap().matches_file(path),
                want,
                "{pat} vs {path}"
            );
        }
    }

    #[test]
    fn pathological_pattern_is_fast_and_correct() {
        let g = Glob::new(&"*a".repeat(30)).unwrap();
        assert!(!g.matches_file(&"a".repeat(29)));
        assert!(g.matches_file(&"a".repeat(60)));
    }

    #[test]
    fn unclosed_class_is_an_error() {
        assert!(Glob::new("[abc").is_err());
        assert!(Globs::new(&[]).unwrap().accepts("anything"));
    }
}
