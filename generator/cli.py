"""The ``compendium`` command. ``main(argv)`` returns an exit code and can run in-process."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.content.project import Project, resolve_project
from generator.courses.kind import ALL_KINDS

ROOT_HELP = ("项目目录（默认：当前目录或其上级中含 mkdocs.yml 的最近目录）/ project folder (default: the nearest folder holding "
             "mkdocs.yml at or above the current folder)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="compendium",
        description="社区治理知识库生成器 / Community Governance Compendium generator",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="校验所有条目 / validate every entry and report all problems")
    check.add_argument("paths", nargs="*", type=Path, default=[], metavar="PATH",
                       help="条目文件或目录（默认：当前目录所在的整个项目）/ entry files or folders (default: the whole project "
                            "around the current folder)")
    check.add_argument("--root", type=Path, default=None,
                       help="项目目录（默认：第一个 PATH 或当前目录往上含 mkdocs.yml 的最近目录）/ project folder (default: the "
                            "nearest folder holding mkdocs.yml at or above the first PATH, else the current folder)")
    _add_common(check)
    check.add_argument("--format", choices=["text", "github", "gitlab"], default="text",
                       help="text：path:line:col；github：拉取请求注释；gitlab：Code Quality JSON / text, GitHub annotations, "
                            "or a GitLab Code Quality report")

    schema = commands.add_parser("schema", help="导出各条目类型的 JSON Schema / write a JSON Schema per entry type")
    schema.add_argument("--out", type=Path, default=None, help="输出目录 / output folder (default: ROOT/schemas)")
    schema.add_argument("--root", type=Path, default=None, help=ROOT_HELP)
    schema.add_argument("--check", action="store_true",
                        help="只检查 schemas/ 是否与内容模型一致，不一致时退出码为 1 / only check that schemas/ is current; "
                             "exit 1 when it is not")

    fingerprint = commands.add_parser(
        "fingerprint", help="为来源存档生成指纹，供没有存档时核对引文 / fingerprint the captured sources for quote checks without them")
    fingerprint.add_argument("--sources", type=Path, default=None,
                             help="来源存档目录 / folder of captured sources (default: $COMPENDIUM_SOURCES or ../shared/sources)")
    fingerprint.add_argument("--out", type=Path, default=None,
                             help="输出目录 / output folder (default: ROOT/sources/fingerprints)")
    fingerprint.add_argument("--root", type=Path, default=None, help=ROOT_HELP)

    report = commands.add_parser("report", help="统计语料 / print corpus counts")
    report.add_argument("paths", nargs="*", type=Path, default=[Path()], metavar="PATH", help="语料目录 / corpus folders")
    report.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")
    report.add_argument("--root", type=Path, default=None, help=ROOT_HELP)
    _site_commands(commands)
    _editor_commands(commands)
    _course_command(commands)
    return parser


def _site_commands(commands: argparse._SubParsersAction) -> None:
    """build and serve."""
    build = commands.add_parser("build", help="生成并构建网站 / generate pages and build the site into site/")
    build.add_argument("--root", type=Path, default=None, help=ROOT_HELP)
    build.add_argument("--site-dir", type=Path, default=None, help="输出目录 / output folder (default: ROOT/site)")
    build.add_argument("--site-url", default=None, metavar="URL",
                       help="网站公开地址 / public address, e.g. https://example.org/ (default: $COMPENDIUM_SITE_URL, "
                            "else mkdocs.yml site_url)")
    _add_common(build)

    serve = commands.add_parser("serve", help="本地预览，YAML 变化时重新生成 / preview locally, regenerating on change")
    serve.add_argument("--root", type=Path, default=None, help=ROOT_HELP)
    serve.add_argument("--port", type=int, default=8000, help="端口 / port (default: 8000)")
    _add_common(serve)


def _editor_commands(commands: argparse._SubParsersAction) -> None:
    """new, source add, admin and cms: the editors' tools."""
    new = commands.add_parser("new", help="新建条目骨架文件（带中英文注释）/ write a commented skeleton for a new entry")
    new.add_argument("kind", choices=list(ALL_KINDS.names),
                     help="条目类型（course：培训课程）/ entry kind (course: a training course)")
    new.add_argument("--name", default=None, help="中文名称，如 居民议事厅 / Chinese name (asked when omitted on a terminal)")
    new.add_argument("--en", default=None, help="英文名称 / English name (optional)")
    new.add_argument("--id", default=None, help="id（默认：名称的拼音）/ id (default: the pinyin of the name)")
    new.add_argument("--root", type=Path, default=None, help=ROOT_HELP)

    source = commands.add_parser("source", help="加入新来源 / add a new source").add_subparsers(
        dest="source_command", required=True, metavar="ACTION")
    add = source.add_parser("add", help="读取来源文件，保存存档或指纹，写出文件条目骨架 / keep a source and write a document skeleton")
    add.add_argument("file", type=Path, metavar="FILE", help="来源文件：.txt、.html、.docx 或 .pdf / source file")
    add.add_argument("--id", default=None, help="文件 id（默认：标题的拼音）/ document id (default: the pinyin of the title)")
    add.add_argument("--fingerprint-only", action="store_true",
                     help="只保存指纹（期刊、报纸文章）/ keep only the fingerprint (journal and newspaper articles)")
    add.add_argument("--url", default=None, help="原文网址 / URL of the original")
    add.add_argument("--publisher", default=None, help="发布网站或报刊 / website or periodical that published it")
    add.add_argument("--root", type=Path, default=None, help=ROOT_HELP)

    admin = commands.add_parser("admin", help="生成网页编辑界面（Decap CMS）/ write the Decap CMS admin page")
    admin.add_argument("--out", type=Path, default=None, help="输出目录 / output folder (default: ROOT/site/admin)")
    admin.add_argument("--backend", default="local",
                       help="local、github、gitea、forgejo 或 gitlab / local, github, gitea, forgejo or gitlab (default: local)")
    admin.add_argument("--repo", default=None, help="仓库 所有者/名称 / repository OWNER/NAME (all but local)")
    admin.add_argument("--branch", default="main", help="内容分支 / branch the entries live on (default: main)")
    admin.add_argument("--base-url", default=None, help="Git 服务地址（自建 Gitea/Forgejo/GitLab）/ Git host URL (self-hosted)")
    admin.add_argument("--api-root", default=None, help="Git 服务 API 地址 / API endpoint of the Git host")
    admin.add_argument("--app-id", default=None, help="OAuth 应用 ID（Gitea/Forgejo/GitLab 登录）/ OAuth application id")
    admin.add_argument("--site-url", default=None,
                       help="网站地址，用于“查看”链接 / site address for view links (default: $COMPENDIUM_SITE_URL, else "
                            "mkdocs.yml site_url)")
    admin.add_argument("--root", type=Path, default=None,
                       help="项目目录，表单据此核对引文和编号 / project folder whose quotes and ids the form checks (default: the "
                            "nearest folder holding mkdocs.yml at or above the current folder)")
    admin.add_argument("--sources", type=Path, default=None,
                       help="来源存档目录 / folder of captured sources (default: $COMPENDIUM_SOURCES or ../shared/sources; "
                            "else sources/captures and sources/fingerprints)")

    cms = commands.add_parser("cms", help="本地网页编辑：decap-server、编辑页和预览 / local editing: decap-server, admin and preview")
    cms.add_argument("--root", type=Path, default=None, help=ROOT_HELP)
    cms.add_argument("--port", type=int, default=8000, help="预览端口 / preview port (default: 8000)")
    cms.add_argument("--admin-port", type=int, default=8001, help="编辑页端口 / admin page port (default: 8001)")
    cms.add_argument("--proxy-port", type=int, default=8081,
                     help="编辑页读写文件经过的守卫端口 / port of the guard in front of decap-server (default: 8081)")
    _add_common(cms)


def _course_command(commands: argparse._SubParsersAction) -> None:
    """course: a trainer's course pack."""
    course = commands.add_parser("course", help="生成一门课程的课程包 / write one course's pack (handouts, PDF, slides, quiz, zip)")
    course.add_argument("course_id", metavar="ID", help="课程 id（courses/ID.yml）/ course id (courses/ID.yml)")
    course.add_argument("--root", type=Path, default=None, help=ROOT_HELP)
    course.add_argument("--out", type=Path, default=None, help="输出目录 / output folder (default: ROOT/build/courses)")
    course.add_argument("--content-lang", choices=["zh", "en"], default="zh",
                        help="课程包的语言 / language of the pack's content (default: zh)")
    course.add_argument("--site-url", "--base-url", dest="site_url", default=None, metavar="URL",
                        help="网站地址，用于二维码和网址 / site address for QR codes and printed links "
                             "(default: $COMPENDIUM_SITE_URL, else site_url in mkdocs.yml)")
    course.add_argument("--template", type=Path, default=None,
                        help="幻灯片模板 .pptx / slide template .pptx (default: generator/courses/template.pptx)")
    _add_common(course)


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
    except KeyboardInterrupt:  # Ctrl+C: stopped as asked; every command cleans up after itself, no traceback
        print("已停止 / stopped", file=sys.stderr)
        return 130


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "check": _check,
        "schema": _schema,
        "report": _report,
        "fingerprint": _fingerprint,
        "build": _build,
        "serve": _serve,
        "new": _new,
        "source": _source,
        "course": _course,
        "admin": _admin,
        "cms": _cms,
    }
    return commands[args.command](args)


def _project(args: argparse.Namespace, start: Path | None = None) -> Project:
    """The one Project of this command (generator/content/project.py): --root, else found upward from ``start``."""
    return resolve_project(getattr(args, "root", None), start=start, site_url=getattr(args, "site_url", None),
                           sources=getattr(args, "sources", None), kinds=ALL_KINDS, site_dir=getattr(args, "site_dir", None))


def _build(args: argparse.Namespace) -> int:
    from generator.site.build import build_command  # MkDocs is imported only by the commands that need it

    return build_command(_project(args), args.lang)


def _serve(args: argparse.Namespace) -> int:
    from generator.site.serve import serve_command

    return serve_command(_project(args), args.port, args.lang)


def _source(args: argparse.Namespace) -> int:
    from generator.editor.sourceadd import Intake, source_add_command

    return source_add_command(Intake(args.file, args.id, args.fingerprint_only, args.url, args.publisher), _project(args))


def _new(args: argparse.Namespace) -> int:
    from generator.editor.newentry import new_command

    return new_command(_project(args), args.kind, args.name, args.en, args.id, ask=input if sys.stdin.isatty() else None)


def _course(args: argparse.Namespace) -> int:
    import time

    from generator.courses.printer import start_printer

    started = time.perf_counter()
    printer = start_printer()  # forked first, before the pack's modules load: WeasyPrint loads beside them
    from generator.courses.pack import course_command
    from generator.site.projectcheck import check_project

    project = _project(args)
    return course_command(project, args.course_id, check=lambda: check_project([project.root], None, freeze=True), out=args.out,
                          lang=args.lang, content_lang=args.content_lang, template=args.template, printer=printer,
                          started=started)


def _admin(args: argparse.Namespace) -> int:
    from generator.editor.decap_admin import admin_command
    from generator.editor.decap_config import BackendOptions
    from generator.site.projectcheck import check_project

    project = _project(args)
    options = BackendOptions(name=args.backend, repo=args.repo, branch=args.branch, base_url=args.base_url,
                             api_root=args.api_root, app_id=args.app_id, site_url=project.site_url or None)
    return admin_command(args.out or project.admin, options, project, check_project)


def _cms(args: argparse.Namespace) -> int:
    from generator.editor.decap_local import cms_command
    from generator.site.projectcheck import check_project
    from generator.site.serve import serve_command

    project = _project(args)
    return cms_command(project, port=args.port, admin_port=args.admin_port, proxy_port=args.proxy_port, check=check_project,
                       preview=lambda on_built: serve_command(project, args.port, args.lang, on_built=on_built))


def _check(args: argparse.Namespace) -> int:
    from generator.checkcommand import check_command

    paths = list(args.paths)
    return check_command(_project(args, start=paths[0] if paths else None), paths, args.lang, args.format)


def _say(lang: str, zh: str, en: str) -> str:
    return {"zh": zh, "en": en}.get(lang, f"{zh} / {en}")


def _schema(args: argparse.Namespace) -> int:
    from generator.editor.schemacommand import schema_command

    return schema_command(_project(args), args.out, check=args.check)


def _fingerprint(args: argparse.Namespace) -> int:
    from generator.content.quotes import write_fingerprints
    from generator.content.sources import default_sources_dir
    from generator.site.projectcheck import check_project

    project = _project(args)
    sources = args.sources or default_sources_dir(project.root)
    result = check_project([project.root], None, freeze=True)
    written, missing = write_fingerprints(result.corpus, sources, args.out or project.fingerprints)
    for path in written:
        print(path)
    for capture in missing:
        print(_say("both", f"找不到来源存档 {sources / capture}", f"captured source {sources / capture} not found"), file=sys.stderr)
    return 1 if missing or result.problems else 0


def _report(args: argparse.Namespace) -> int:
    from generator.content.report import corpus_counts
    from generator.site.projectcheck import check_project

    result = check_project(list(args.paths), None, freeze=True)
    counts = corpus_counts(result.corpus)
    if args.json:
        print(json.dumps(counts, ensure_ascii=False, indent=2))
    else:
        for key, value in counts.items():
            print(f"{key}: {value}")
    return 1 if result.problems else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
