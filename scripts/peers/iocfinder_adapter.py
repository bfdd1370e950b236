"""ioc-finder as an in-process adapter for ../shared/corpus/score.py (`--py FILE:extract`) and for
scripts/peers/bench_py.py. Every type it supports (its CLI's --parse-all: `find_iocs` alone parses
only its nine default types), defangs handled by its ioc-fanger dependency. The result keys
(urls, email_addresses, file_paths, attack_techniques{...}, ...) are the synonyms score.py maps;
nested dicts are flattened there, keys it has no type for (urls_complete, ...) are ignored."""
from ioc_finder import find_iocs
from ioc_finder.ioc_finder import SUPPORTED_IOC_TYPES


def extract(text):
    return find_iocs(text, included_ioc_types=SUPPORTED_IOC_TYPES)
