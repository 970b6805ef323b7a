"""Write the intake fixtures: one invented Hunan-style notice as a saved web page, a Word file and two PDFs.

    python tests/data/intake/make_fixtures.py      # needs LibreOffice (soffice) and Debian's chromium

The notice is invented for the tests (see README.md beside this file); its layout follows the notices the
provincial civil-affairs departments publish: a 版头, the 文号, the title, the salutation, numbered parts,
numbered items, a closing paragraph, the 附件 list, the signature, the date, （此件主动公开） and, in the Word
file, the 版记 table with 抄送 and 印发. The web page wraps it in the chrome of a government site (menus, a
search box, breadcrumbs, a metadata table, share and print links, a footer).
"""

from __future__ import annotations

import html
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TITLE = "湖南省民政厅关于开展城乡社区协商示范点创建工作的通知"
NUMBER = "湘民发〔2021〕12号"
SALUTATION = "各市州民政局："
# (kind, text): "p" an indented paragraph, "h" a part heading (一、…), "item" a numbered item
BODY = [
    ("p", "为贯彻落实《中共中央 国务院关于加强基层治理体系和治理能力现代化建设的意见》和中共中央办公厅、国务院办公厅"
          "《关于加强城乡社区协商的意见》，推进城乡社区协商制度化、规范化、程序化，省民政厅决定在全省开展城乡社区协商示范点"
          "创建工作。现将有关事项通知如下："),
    ("h", "一、创建目标"),
    ("p", "（一）总体目标。2021年至2022年，全省创建城乡社区协商示范点300个，其中城市社区100个、农村社区200个，形成一批"
          "可复制、可推广的城乡社区协商经验。"),
    ("p", "（二）年度安排。2021年、2022年每年各创建示范点150个。各市州按照分配名额组织申报（名额见附件1）。"),
    ("h", "二、创建标准"),
    ("p", "（一）协商机制健全。示范点应当具备以下条件："),
    ("item", "1．建立由社区党组织领导、居（村）民委员会组织实施的协商议事机构，议事规则和协商程序完整规范；"),
    ("item", "2．制定年度协商目录，明确协商内容、协商主体、协商形式和协商程序，并在社区公开栏和网络平台公布；"),
    ("item", "3．每季度至少开展一次协商活动，协商过程和协商结果及时向居（村）民公开，接受群众监督。"),
    ("p", "（二）协商成果落实。协商形成的意见建议有办理、有反馈，涉及户籍迁移、住房保障、养老服务等居民切身利益的事项"
          "优先纳入协商，居（村）民对协商结果的满意度达到90%以上。"),
    ("h", "三、工作步骤"),
    ("p", "（一）申报推荐（2021年6月至7月）。各市州民政局组织县市区开展申报，择优推荐，于2021年7月30日前将推荐名单和"
          "申报表（见附件2）报送省民政厅。"),
    ("p", "（二）评估认定（2021年8月至10月）。省民政厅组织专家对推荐社区进行实地评估，评估结果在省民政厅门户网站公示，"
          "公示无异议的认定为城乡社区协商示范点。"),
    ("p", "（三）总结推广（2021年11月至12月）。各地及时总结示范点的经验做法，省民政厅择优汇编印发，在全省推广。"),
    ("h", "四、工作要求"),
    ("p", "（一）加强组织领导。各市州民政局要把示范点创建工作列入年度重点工作，明确专人负责，加强对县市区的指导和督促。"),
    ("p", "（二）强化宣传推广。各地要充分利用报刊、广播电视和网络平台，宣传城乡社区协商的好经验好做法，营造全社会关心"
          "支持城乡社区协商的良好氛围。"),
    ("p", "请各市州民政局高度重视，认真组织实施。工作中遇到的问题，请及时与省民政厅基层政权建设和社区治理处联系。"),
    ("p", "联系人：基层政权建设和社区治理处，联系电话：0731-00000000。"),
]
ATTACHMENTS = ["湖南省城乡社区协商示范点名额分配表", "湖南省城乡社区协商示范点申报表"]
ISSUER = "湖南省民政厅"
DATE = "2021年6月2日"
DISCLOSURE = "（此件主动公开）"
COPY_TO = "抄送：民政部基层政权建设和社区治理司。"
PRINTED_BY, PRINTED_ON = "湖南省民政厅办公室", "2021年6月3日印发"
INDEX_NUMBER = "4300000066/2021-00123"
PUBLISHED = "2021-06-08"


def web_page() -> str:
    """The notice as the provincial department's website shows it, saved from the browser ("网页，全部")."""
    body = [f'<p style="text-align:center">{NUMBER}</p>', f"<p>{SALUTATION}</p>"]
    for kind, text in BODY:
        style = ' style="text-indent:2em"' if kind != "h" else ' style="text-indent:2em;font-weight:bold"'
        body.append(f"<p{style}>{html.escape(text)}</p>")
    body.append(f'<p style="text-indent:2em">附件：1．{ATTACHMENTS[0]}</p>')
    body.append(f'<p style="text-indent:5em">2．{ATTACHMENTS[1]}</p>')
    body += [f'<p style="text-align:right">{ISSUER}</p>', f'<p style="text-align:right">{DATE}</p>',
             f'<p style="text-indent:2em">{DISCLOSURE}</p>']
    meta = [("索 引 号", INDEX_NUMBER, "主题分类", "民政、扶贫、救灾"), ("发布机构", ISSUER, "发文日期", "2021年06月02日"),
            ("文　　号", NUMBER, "发布日期", PUBLISHED), ("名　　称", TITLE, "", "")]
    rows = "".join(f"<tr><th>{a}：</th><td>{b}</td><th>{c}{'：' if c else ''}</th><td>{d}</td></tr>" for a, b, c, d in meta)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="ArticleTitle" content="{TITLE}">
<meta name="PubDate" content="{PUBLISHED} 10:32">
<title>{TITLE}_通知公告_湖南省民政厅</title>
<link rel="stylesheet" href="湖南省民政厅_files/style.css">
</head>
<body>
<div class="top"><div class="w1200"><span>欢迎访问湖南省民政厅网站！</span>
<a href="#">无障碍</a> <a href="#">长者模式</a> <a href="#">繁體</a> <a href="#">English</a></div></div>
<div class="header"><div class="logo"><img src="湖南省民政厅_files/logo.png" alt="湖南省民政厅"></div>
<form class="search" action="/search"><input type="text" name="q" value="请输入关键字" placeholder="请输入关键字"><button type="submit">搜索</button></form></div>
<ul class="nav"><li><a href="#">首页</a></li><li><a href="#">机构概况</a></li><li><a href="#">政务公开</a></li>
<li><a href="#">政务服务</a></li><li><a href="#">互动交流</a></li><li><a href="#">专题专栏</a></li></ul>
<div class="crumb">当前位置：<a href="#">首页</a> &gt; <a href="#">政务公开</a> &gt; <a href="#">通知公告</a></div>
<div class="xxgk_table"><table class="table_suoyin">{rows}</table></div>
<div class="main_content">
<h1 class="tit">{TITLE}</h1>
<div class="info"><span>发布时间：{PUBLISHED} 10:32</span> <span>来源：{ISSUER}</span> <span>浏览次数：1268</span>
<span>【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span></div>
<div class="TRS_Editor" id="zoom">
{chr(10).join(body)}
</div>
<div class="fujian">附件下载：<a href="P020210608.xls">1．{ATTACHMENTS[0]}.xls</a> <a href="P020210608.doc">2．{ATTACHMENTS[1]}.doc</a></div>
<div class="tools"><a href="#">【打印本页】</a> <a href="#">【关闭窗口】</a> <span>分享到：微信 微博 QQ空间</span></div>
</div>
<div class="related"><h3>相关文章</h3><ul><li><a href="#">湖南省民政厅关于做好2021年村（社区）“两委”换届工作的通知</a></li>
<li><a href="#">关于公布第二批全省城乡社区治理创新实验区名单的通知</a></li></ul></div>
<div class="footer"><p>主办单位：湖南省民政厅 承办：湖南省民政厅信息中心</p><p>地址：长沙市韶山北路1号</p>
<p>网站标识码：4300000066 湘ICP备05000000号 湘公网安备 43010502000000号</p><p><a href="#">网站地图</a> <a href="#">联系我们</a></p></div>
</body>
</html>
"""


def word_file(path: Path) -> None:
    """The notice as the Word file a department sends out: 版头, 文号, title on two lines, body, 版记 table."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = "FangSong"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")

    def paragraph(text: str, *, center: bool = False, right: bool = False, indent: bool = True, bold: bool = False,
                  size: int | None = None, red: bool = False) -> None:
        item = document.add_paragraph()
        if center:
            item.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif right:
            item.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif indent:
            item.paragraph_format.first_line_indent = Pt(32)
        lines = text.split("\n")
        for number, line in enumerate(lines):
            run = item.add_run(line)
            run.bold = bold
            if size:
                run.font.size = Pt(size)
            if red:
                run.font.color.rgb = RGBColor(0xE0, 0, 0)
            if number < len(lines) - 1:
                run.add_break()

    paragraph("湖南省民政厅文件", center=True, size=36, red=True)
    paragraph(NUMBER, center=True)
    paragraph(TITLE.replace("开展", "开展\n", 1), center=True, size=22, bold=True)
    paragraph(SALUTATION, indent=False)
    for kind, text in BODY:
        paragraph(text, bold=kind == "h")
    paragraph(f"附件：1．{ATTACHMENTS[0]}")
    item = document.add_paragraph(f"2．{ATTACHMENTS[1]}")
    item.paragraph_format.left_indent = Pt(80)
    paragraph(ISSUER, right=True)
    paragraph(DATE, right=True)
    paragraph(DISCLOSURE)
    table = document.add_table(rows=2, cols=1)
    table.style = "Table Grid"
    table.cell(0, 0).text = COPY_TO
    table.cell(1, 0).text = f"{PRINTED_BY}\u3000\u3000\u3000\u3000\u3000\u3000{PRINTED_ON}"
    document.save(str(path))


def main() -> int:
    page = HERE / "hunan-notice.html"
    page.write_text(web_page(), encoding="utf-8")
    word_file(HERE / "hunan-notice.docx")
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{scratch}/profile", "--convert-to", "pdf",
                        "--outdir", str(HERE), str(HERE / "hunan-notice.docx")], check=True, capture_output=True, timeout=300)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:  # a browser's "print to PDF" of the saved page, as editors often make one
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            tab = browser.new_page()
            tab.goto(page.as_uri())
            tab.pdf(path=str(HERE / "hunan-notice-printed.pdf"), format="A4")
        finally:
            browser.close()
    for name in ("hunan-notice.html", "hunan-notice.docx", "hunan-notice.pdf", "hunan-notice-printed.pdf"):
        print(HERE / name, (HERE / name).stat().st_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
