"""The ``compendium`` command. ``main(argv)`` returns an exit code and can run in-process."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.content.model import ENTRY_MODELS
from generator.content.pipeline import check_corpus
from generator.content.problems import format_problem
from generator.content.quotes import FINGERPRINTS, SourceLibrary, default_sources_dir, write_fingerprints


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="compendium",
        description="社区治理知识库生成器 / Community Governance Compendium generator",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="校验所有条目 / validate every entry and report all problems")
    check.add_argument("paths", nargs="*", type=Path, default=[Path()], metavar="PATH",
                       help="语料目录或文件（默认当前目录）/ corpus folders or files (default: .)")
    _add_common(check)
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="text：path:line:col；github：拉取请求注释 / text, or GitHub annotations")

    schema = commands.add_parser("schema", help="导出各条目类型的 JSON Schema / write a JSON Schema per entry type")
    schema.add_argument("--out", type=Path, default=Path("schemas"), help="输出目录 / output folder (default: schemas)")

    fingerprint = commands.add_parser(
        "fingerprint", help="为来源存档生成指纹，供没有存档时核对引文 / fingerprint the captured sources for quote checks without them")
    fingerprint.add_argument("--sources", type=Path, default=None,
                             help="来源存档目录 / folder of captured sources (default: $COMPENDIUM_SOURCES or ../shared/sources)")
    fingerprint.add_argument("--out", type=Path, default=FINGERPRINTS,
                             help=f"输出目录 / output folder (default: {FINGERPRINTS})")

    report = commands.add_parser("report", help="统计语料 / print corpus counts")
    report.add_argument("paths", nargs="*", type=Path, default=[Path()], metavar="PATH", help="语料目录 / corpus folders")
    report.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")

    build = commands.add_parser("build", help="生成并构建网站 / generate pages and build the site into site/")
    build.add_argument("--root", type=Path, default=Path(), help="项目目录 / project folder (default: .)")
    build.add_argument("--site-dir", type=Path, default=None, help="输出目录 / output folder (default: ROOT/site)")
    build.add_argument("--site-url", default=None, metavar="URL",
                       help="网站公开地址 / public address, e.g. https://example.org/ (default: $COMPENDIUM_SITE_URL, "
                            "else mkdocs.yml site_url)")
    _add_common(build)

    serve = commands.add_parser("serve", help="本地预览，YAML 变化时重新生成 / preview locally, regenerating on change")
    serve.add_argument("--root", type=Path, default=Path(), help="项目目录 / project folder (default: .)")
    serve.add_argument("--port", type=int, default=8000, help="端口 / port (default: 8000)")
    _add_common(serve)
    return parser


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=["both", "zh", "en"], default="both",
                        help="消息语言 / language of messages (default: both, Chinese first)")
    parser.add_argument("--sources", type=Path, default=None,
                        help="来源存档目录，用于核对引文；缺少的存档用 sources/fingerprints 中的指纹 / folder of captured "
                             "sources for quote checks (default: $COMPENDIUM_SOURCES or ../shared/sources); "
                             "captures not there are checked against their fingerprints in sources/fingerprints")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    try:
        return _run(argv)
    except BrokenPipeError:  # `compendium check | head` is fine: the reader has what it wanted
        sys.stderr.close()
        return 0


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "check": _check,
        "schema": lambda a: _schema(a.out),
        "report": _report,
        "fingerprint": _fingerprint,
        "build": _build,
        "serve": _serve,
    }
    return commands[args.command](args)


def _build(args: argparse.Namespace) -> int:
    from generator.site.build import build_command  # MkDocs is imported only by the commands that need it

    return build_command(args.root, args.site_dir, args.sources, args.lang, args.site_url)


def _serve(args: argparse.Namespace) -> int:
    from generator.site.serve import serve_command

    return serve_command(args.root, args.port, args.sources, args.lang)


def _check(args: argparse.Namespace) -> int:
    root = Path.cwd()
    library = SourceLibrary.for_project(root, args.sources)
    result = check_corpus(list(args.paths), library)
    for problem in result.problems:
        print(format_problem(problem, root, args.lang, args.format))
    if not result.sources_available:
        print(_say(args.lang, f"注意：找不到来源存档或指纹（{library.where}），未核对引文。",
                   f"note: neither captured sources nor fingerprints found ({library.where}); quotes were not checked."),
              file=sys.stderr)
    count = len(result.problems)
    if count:
        print(_say(args.lang, f"发现 {count} 个问题", f"{count} problem{'s' if count != 1 else ''} found"))
        return 1
    entries = len(result.loaded.entries)
    fingerprinted = result.quotes_by_source.get("fingerprint", 0)
    if fingerprinted:
        print(_say(args.lang, f"注意：{fingerprinted} 条引文按指纹核对（{FINGERPRINTS}），未找到来源存档。",
                   f"note: {fingerprinted} quotes were checked against fingerprints ({FINGERPRINTS}); captures not found."),
              file=sys.stderr)
    print(_say(args.lang, f"未发现问题（{entries} 个条目，核对引文 {result.quotes_checked} 条）",
               f"no problems found ({entries} entries, {result.quotes_checked} quotes checked)"))
    return 0


def _say(lang: str, zh: str, en: str) -> str:
    return {"zh": zh, "en": en}.get(lang, f"{zh} / {en}")


def _schema(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for kind, model in ENTRY_MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{kind}.schema.json"
        target = out / f"{kind}.schema.json"
        target.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(target)
    return 0


def _fingerprint(args: argparse.Namespace) -> int:
    root = Path.cwd()
    sources = args.sources or default_sources_dir(root)
    result = check_corpus([root], None)
    written, missing = write_fingerprints(result.corpus, sources, args.out)
    for path in written:
        print(path)
    for capture in missing:
        print(_say("both", f"找不到来源存档 {sources / capture}", f"captured source {sources / capture} not found"), file=sys.stderr)
    return 1 if missing or result.problems else 0


def _report(args: argparse.Namespace) -> int:
    from generator.content.report import corpus_counts

    result = check_corpus(list(args.paths), None)
    counts = corpus_counts(result.corpus)
    if args.json:
        print(json.dumps(counts, ensure_ascii=False, indent=2))
    else:
        for key, value in counts.items():
            print(f"{key}: {value}")
    return 1 if result.problems else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
