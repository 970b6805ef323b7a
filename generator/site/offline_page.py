"""The offline page (offline.html) of each language: what a reader sees for a page not saved on the device.

The service worker shows it when there is no network and the page asked for is not kept. Its links lead
to what every visit keeps (the home page, the listings, the themes, search); assets/javascripts/offline.js
adds the pages this reader has read and says when every page is saved.
"""

from __future__ import annotations

from generator.site.labels import label
from generator.site.offline import OFFLINE_PAGE
from generator.site.offline_zip import SIZE_MARK, ZIP_PATH

TEXTS = {
    "zh": {
        "title": "没有网络，这个页面还没有保存",
        "description": "没有网络时打开了还没有保存的页面：这里列出这台设备上已经保存、断网也能打开的页面。",
        "lead": "现在连不上网络，你要打开的页面{wanted}还没有保存在这台设备上。联网后可以{retry}；"
                "断网时，下面这些页面都能打开。",
        "retry": "重新打开它",
        "saved": "断网也能打开的页面",
        "search": "搜索",
        "search_note": "：在已经保存的搜索索引里查找",
        "read": "你读过的页面",
        "all_saved": "全部页面都已保存在这台设备上，断网也能打开。",
        "next_time": "下次出门前",
        "tip": "在{home}点“保存离线版”，把全部页面存到手机上；也可以在那里下载离线版 ZIP，复制到 U 盘或用微信发到电脑上打开。",
        "home_link": "首页的“离线使用”",
        # the Chinese worker's scope holds en/: an English page asked for before any English page was read
        "other": "英文页面还没有保存在这台设备上：联网时打开任意一个英文页面，英文的首页、目录和搜索就会保存下来。",
        "other_en": "The English pages are not saved on this device yet: open any English page while online, "
                    "and the English home page, lists and search are kept too.",
    },
    "en": {
        "title": "You are offline and this page is not saved",
        "description": "A page not saved on this device was opened without a network: the pages saved here, "
                       "which open offline, are listed.",
        "lead": "There is no network, and the page you asked for{wanted} is not saved on this device. Once you are "
                "online again you can {retry}; while offline, the pages below all open.",
        "retry": "open it again",
        "saved": "Pages that open offline",
        "search": "Search",
        "search_note": ": searches the saved search index",
        "read": "Pages you have read",
        "all_saved": "Every page is saved on this device and opens offline.",
        "next_time": "Before your next trip",
        "tip": "Use “Save for offline” under {home} to keep every page on your phone, or download the offline copy "
               "there as a ZIP to put on a USB stick or send to a computer.",
        "home_link": "Use offline on the home page",
    },
}


def offline_page(lang: str, listings: list[tuple[str, str]], browse: tuple[str, ...]) -> str:
    """The Markdown of offline.html: what happened, the pages always kept, and a place for the pages read.

    ``listings``: the folder and name of each kind's pages (documents, indicators, …), whose index pages are kept;
    ``browse``: the browse pages (by region, year, …).
    """
    text = TEXTS[lang]
    items = [f'<li><a href="index.html">{label("home", lang)}</a></li>']
    items += [f'<li><a href="{folder}/index.html">{name}</a></li>' for folder, name in listings]
    by = " · ".join(f'<a href="browse/{key}.html">{label("by_" + key, lang)}</a>' for key in browse)
    items.append(f"<li>{label('browse', lang)}{label('colon', lang)}{by}</li>")
    items.append(f'<li><a href="search.html">{text["search"]}</a>{text["search_note"]}</li>')
    lead = text["lead"].format(wanted='<span class="offline-page__wanted"></span>',
                               retry=f'<a class="offline-page__retry" href="index.html">{text["retry"]}</a>')
    tip = text["tip"].format(home=f'<a href="index.html#offline">{text["home_link"]}</a>')
    other = (f'<div class="offline-page__other" hidden><p>{text["other"]}</p><p lang="en">{text["other_en"]}</p></div>'
             if "other" in text else "")
    newline = "\n"
    return f"""---
title: "{text['title']}"
description: "{text['description']}"
noindex: true
search:
  exclude: true
hide: [navigation, toc]
---

# {text['title']}

<div id="offline-page" class="offline-page" data-page="{OFFLINE_PAGE}">
<p class="offline-page__lead">{lead}</p>
{other}
<h2 id="saved">{text['saved']}</h2>
<ul class="offline-page__kept">
{newline.join(items)}
</ul>
<p class="offline-page__all" hidden>{text['all_saved']}</p>
<h2 id="read" hidden>{text['read']}</h2>
<ul class="offline-page__read" hidden></ul>
<h2 id="next-time">{text['next_time']}</h2>
<p>{tip}</p>
</div>
"""


HOME = {
    "zh": {
        "heading": "离线使用",
        "status": "读过的页面会保存在这台设备上，断网也能打开。",
        "save": "保存离线版",
        "remove": "移除离线版",
        "copy": "下载离线版（ZIP{size}）",
        "copy_how": "复制到 U 盘，或用微信发到电脑上，解压后双击其中的 index.html 打开，不需要网络。",
    },
    "en": {
        "heading": "Use offline",
        "status": "Pages you read are kept on this device and open without a network.",
        "save": "Save for offline",
        "remove": "Remove the offline copy",
        "copy": "Download the offline copy (ZIP{size})",
        "copy_how": "Put it on a USB stick or send it to a computer over WeChat, unzip it and open index.html "
                    "by double-clicking; no network is needed.",
    },
}


def copy_link(lang: str, prefix: str) -> str:
    """The link to the zip of the whole site for a USB stick; the build writes its size into the marked span."""
    name = "社区治理知识库-离线版.zip" if lang == "zh" else "compendium-offline.zip"
    text = HOME[lang]["copy"].format(size=SIZE_MARK)
    return f'<a class="offline-copy" href="{prefix}{ZIP_PATH}" download="{name}">{text}</a>'


def home_block(lang: str) -> str:
    """The home page's "save for offline" block (raw HTML in the page's Markdown; offline.js makes it work).

    Without a service worker (an old browser) only the zip is offered; opened from disk it is hidden.
    """
    text = HOME[lang]
    prefix = "../" if lang == "en" else ""  # the downloads live at the site's root
    return f"""<section class="offline-box" id="offline-box" aria-labelledby="offline">
<h2 id="offline">{text['heading']}</h2>
<p class="offline-box__status" aria-live="polite">{text['status']}</p>
<p class="offline-box__actions"><button type="button" class="md-button md-button--primary offline-box__save" disabled>{text['save']}</button> <button type="button" class="md-button offline-box__remove" hidden>{text['remove']}</button></p>
<div class="offline-box__progress" hidden><progress max="100" value="0"></progress> <span class="offline-box__progress-text" aria-live="polite"></span></div>
<p class="offline-box__copy">{copy_link(lang, prefix)}</p>
<p class="offline-box__how">{text['copy_how']}</p>
</section>"""
