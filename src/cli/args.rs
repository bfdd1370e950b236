//! Command-line arguments (clap derive). Only parsing lives here; `mod.rs` acts on them.

use clap::{Parser, ValueEnum};
use std::path::PathBuf;

/// Output formats; the names are the exports module's format names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A JSON array of match records (the core's field names).
    Json,
    /// One JSON record per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
    /// One value per line.
    Txt,
    /// One value per line under a '# type' header per type.
    TxtGrouped,
    /// A Markdown report (metadata and a table).
    Md,
    /// Grouped text with defanged values, safe to paste into mail or chat.
    Defanged,
    /// A STIX 2.1 bundle (indicators, vulnerabilities, attack patterns, report).
    Stix,
    /// A MISP event with typed attributes.
    Misp,
    /// JSON: source, time, counts and unique values per type.
    Summary,
}

impl Format {
    /// The exports module's format.
    pub fn export(self) -> ioclens::export::Format {
        use ioclens::export::Format as E;
        match self {
            Format::Json => E::Json,
            Format::Jsonl => E::Jsonl,
            Format::Csv => E::Csv,
            Format::Txt => E::Txt,
            Format::TxtGrouped => E::TxtGrouped,
            Format::Md => E::Markdown,
            Format::Defanged => E::Defanged,
            Format::Stix => E::Stix,
            Format::Misp => E::Misp,
            Format::Summary => E::Summary,
        }
    }

    /// Formats read by people in a terminal, where hidden or direction-changing characters in a
    /// value could make it look like something else.
    pub fn is_display_text(self) -> bool {
        matches!(
            self,
            Format::Txt | Format::TxtGrouped | Format::Md | Format::Defanged
        )
    }
}

/// How to read an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// Plain text.
    Text,
    /// HTML, reduced to the text a browser would show (offsets then refer to that text).
    Html,
    /// HTML if the file name or the first bytes say so, else text.
    Auto,
}

const EXAMPLES: &str = "\
Examples:
  ioclens report.txt                        IOCs of one report, one value per line
  ioclens --types all --format json -       JSON array from stdin (every type)
  curl -s URL | ioclens --input html        visible text of a web page
  ioclens reports/ --glob '*.md' --format csv -o iocs.csv
  ioclens reports/ --split-dir out/         out/TYPE.txt per type + out/summary.json
  ioclens alerts.csv --csv-column message --format jsonl    row index as each IOC's source
  ioclens events.jsonl --jsonl-field msg --row-id event_id
  ioclens --allow benign.txt --warninglist misp-warninglists/lists/ report.txt
  ioclens --custom 'ticket=TICKET-[0-9]+' notes.txt
  ioclens --completions bash > /etc/bash_completion.d/ioclens

Exit status: 0 if IOCs were found, 1 if none, 2 on any error (the other inputs are still read).";

/// ioclens: extract indicators of compromise (IPs, domains, URLs, hashes, CVEs, …) from text,
/// including defanged forms such as hxxps[://]evil[.]com.
#[derive(Debug, Parser)]
#[command(name = "ioclens", version, after_help = EXAMPLES, max_term_width = 100)]
pub struct Args {
    /// Files or folders to read ('-' or nothing: stdin). Folders are read recursively.
    #[arg(value_name = "PATH|-")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(short, long, value_enum, default_value = "txt")]
    pub format: Format,

    /// Types to find: a comma-separated list of type names, 'default', 'hash' or 'all'.
    #[arg(short, long, value_name = "LIST|all")]
    pub types: Option<String>,

    /// Write the output to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write one TYPE.txt per type and summary.json into DIR (created if missing) instead of
    /// printing; with -o the formatted output is written there as well.
    #[arg(long, value_name = "DIR")]
    pub split_dir: Option<PathBuf>,

    /// Allowlist file (exact values, *.suffix domains, CIDRs, /regexes/; one per line).
    /// Matches are flagged 'allowlisted' and hidden unless --show-allowlisted.
    #[arg(long, value_name = "FILE")]
    pub allow: Vec<PathBuf>,

    /// MISP warninglist list.json, or a folder searched for list.json files.
    #[arg(long, value_name = "PATH")]
    pub warninglist: Vec<PathBuf>,

    /// Extra type: NAME=REGEX (regex-lite: `regex` syntax, ASCII \w \d \s \b and (?i), no \p{..}; group 1, if any, is the value).
    #[arg(long, value_name = "NAME=REGEX")]
    pub custom: Vec<String>,

    /// Also output allowlisted matches (they carry the 'allowlisted' flag).
    #[arg(long)]
    pub show_allowlisted: bool,

    /// Do not look for URLs inside hex, base64 or percent-encoded text.
    #[arg(long)]
    pub no_decode: bool,

    /// Write values defanged (evil[.]com) in every format.
    #[arg(long)]
    pub defang: bool,

    /// Keep repeated values (by default each type+value is output once).
    #[arg(long)]
    pub no_dedupe: bool,

    /// How to read inputs.
    #[arg(long, value_enum, default_value = "auto")]
    pub input: InputKind,

    /// Only read files in folders whose name (or, if the pattern has a '/', whose path below the
    /// folder) matches GLOB (*, ?, [abc], **). Repeatable; explicit files are always read.
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,

    /// Accepted for grep habits: folders are always read recursively.
    #[arg(short = 'r', long, hide = true)]
    pub recursive: bool,

    /// Read CSV input and extract from column NAME only (repeatable); each IOC's source is
    /// the row index (or the --row-id column).
    #[arg(long, value_name = "NAME", conflicts_with = "jsonl_field")]
    pub csv_column: Vec<String>,

    /// Read JSON Lines input and extract from field NAME (repeatable; a.b for nested fields);
    /// each IOC's source is the line's record index (or the --row-id field).
    #[arg(long, value_name = "NAME")]
    pub jsonl_field: Vec<String>,

    /// With --csv-column/--jsonl-field: the column or field whose value is used as the source.
    #[arg(long, value_name = "NAME")]
    pub row_id: Option<String>,

    /// The source name written into the output (default: the input's path; none for stdin).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,

    /// Extract from the bundled sample report (a demo).
    #[arg(long)]
    pub sample: bool,

    /// Worker threads for folders (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// No warnings on stderr (errors are still reported).
    #[arg(short, long)]
    pub quiet: bool,

    /// Print a shell completion script and exit.
    #[arg(long, value_name = "SHELL", value_enum)]
    pub completions: Option<clap_complete::Shell>,

    /// Bytes of input read per step when streaming (tests use tiny values).
    #[arg(long, hide = true, default_value_t = 1 << 20, value_parser = clap::value_parser!(u64).range(1..))]
    pub chunk_size: u64,

    /// Bytes of context kept on each side of a chunk edge (must exceed the longest IOC).
    #[arg(long, hide = true, default_value_t = 64 << 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub chunk_overlap: u64,
}
