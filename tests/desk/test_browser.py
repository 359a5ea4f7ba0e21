"""The front desk end to end, in a real browser: ``briefing serve`` in its own process with
its worker processes, driven by Debian's Chromium through Selenium (both installed by
tools/test.sh). A person's steps: open the page on a tablet-sized screen, fill the form,
press the button, download the PDF and read its text."""

import difflib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import DATA, REPO, read_line

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
TABLET = (820, 1180)  # an iPad Air's viewport, held upright
#: Chromium's own connections would be refused on a closed network, many at a time.
QUIET = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


def serve(data_dir, workers: int = 2, *options: str):
    """A front desk on a free port serving ``data_dir``: its address, while it runs."""
    env = dict(os.environ, PYTHONUNBUFFERED="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])))
    server = subprocess.Popen([sys.executable, "-m", "briefing", "serve", "--data", str(data_dir), "--port", "0",
                               "--workers", str(workers), *options], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, env=env)
    try:
        line = read_line(server)
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert match, f"briefing serve said: {line!r}"
        yield match.group(0)
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture(scope="module")
def desk_url():
    """A front desk on a free port, serving the shipped fact sheets with two workers."""
    yield from serve(DATA)


@pytest.fixture(scope="module")
def broken_desk_url(tmp_path_factory):
    """A front desk serving a copy of the shipped sheets with a typo in one park's sheet."""
    data = tmp_path_factory.mktemp("broken") / "data"
    shutil.copytree(DATA, data)
    sheet = data / "parks" / "mobile-internet.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("value: 42000", "value: 4.2万", 1), encoding="utf-8")
    yield from serve(data, workers=1)


@pytest.fixture
def open_browser(tmp_path):
    """``open_browser(accept_language)``: a headless Chromium downloading into tmp_path."""
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        pytest.fail("the browser test needs Debian's chromium and chromium-driver; run tools/test.sh, which installs them")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    drivers = []

    def start(accept_language: str):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in QUIET + [f"--window-size={TABLET[0]},{TABLET[1]}", f"--user-data-dir={tmp_path / 'profile'}"]:
            options.add_argument(flag)
        options.add_experimental_option("prefs", {
            "intl.accept_languages": accept_language,
            "download.default_directory": str(tmp_path / "downloads"),
            "download.prompt_for_download": False,
        })
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        driver.set_page_load_timeout(60)
        drivers.append(driver)
        return driver

    yield start
    for driver in drivers:
        driver.quit()


def wait_for(condition, seconds=60.0):
    """``condition()`` once it is true; while the browser moves to the next page, an element
    found on the old one may be gone before it is read, so that counts as not yet."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = condition()
        except (NoSuchElementException, StaleElementReferenceException):
            found = None
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"gave up after {seconds:.0f} s waiting for {condition.__doc__ or condition}")


def css(driver, selector):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector)


def fits_the_screen(driver) -> bool:
    """Nothing wider than the viewport: no sideways scrolling on a tablet."""
    return driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def only_the_desk(driver, url) -> list[str]:
    """Every resource the page loaded that did not come from the desk itself."""
    names = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    return [name for name in names if not name.startswith(url)]


def test_a_visitors_brochure_from_form_to_downloaded_pdf(desk_url, open_browser, tmp_path):
    browser = open_browser("en-GB,en")
    browser.get(desk_url)
    assert css(browser, "h1").text == "Hengyang National High-tech Industrial Development Zone"
    assert fits_the_screen(browser)
    css(browser, "input[name=brochure][value=smart-medical]").click()
    css(browser, "input[name=lang][value=en]").is_selected() or css(browser, "input[name=lang][value=en]").click()
    css(browser, "input[name=lang][value=zh]").is_selected() and css(browser, "input[name=lang][value=zh]").click()
    css(browser, "#visitor").send_keys("Dr. 王小明 <Acme & Co>")
    browser.execute_script("document.getElementById('date').value = '2026-11-27'")
    css(browser, "form.order button[type=submit]").click()

    # The visit is years after the park's expected opening: said before anything is made.
    warning = wait_for(lambda: browser.find_elements("css selector", "#dates"))[0]
    assert "Expected to open in July 2021" in warning.text and "27 November 2026" in warning.text
    assert css(browser, "#visitor").get_attribute("value") == "Dr. 王小明 <Acme & Co>"  # kept for the next press
    css(browser, "input[name=dates_checked]").click()
    css(browser, "form.order button[type=submit]").click()

    wait_for(lambda: "Documents ready" in browser.find_element("tag name", "h1").text)
    assert fits_the_screen(browser)
    preview = css(browser, ".preview img")
    assert wait_for(lambda: browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", preview)) == 600
    css(browser, "a.button.primary").click()

    downloads = tmp_path / "downloads"

    def downloaded():
        """the PDF in the download folder"""
        done = list(downloads.glob("*.pdf")) if downloads.exists() else []
        return done if done and not list(downloads.glob("*.crdownload")) else None

    [pdf] = wait_for(downloaded)
    assert pdf.name.startswith("park-smart-medical-en-for-dr-") and pdf.name.endswith("-2026-11-27.pdf")
    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Smart Medical Industrial Park" in words
    assert "Prepared for Dr. 王小明 <Acme & Co> on 27 November 2026" in words
    assert only_the_desk(browser, desk_url) == []

    browser.back()  # to the form: its button is ready for the next visitor
    button = wait_for(lambda: browser.find_element("css selector", "form.order button[type=submit]"))
    assert wait_for(lambda: button.text == "Make the documents" and button.is_enabled())


def test_a_chinese_browser_gets_the_chinese_page_and_a_clear_message(desk_url, open_browser):
    browser = open_browser("zh-CN,zh")
    browser.get(desk_url)
    assert css(browser, "html").get_attribute("lang") == "zh-Hans"
    assert css(browser, "form.order button[type=submit]").text == "生成文件"
    css(browser, "input[name=lang][value=zh]").click()  # un-tick the only language, choose no document
    css(browser, "#visitor").send_keys("张三")
    browser.execute_script("document.getElementById('date').value = '2026-11-27'")
    css(browser, "form.order button[type=submit]").click()

    alert = wait_for(lambda: browser.find_elements("css selector", ".alert"))[0]
    assert "请至少选择一份文件。" in alert.text and "请至少选择一种语言。" in alert.text
    assert css(browser, "#documents").get_attribute("aria-invalid") == "true"
    assert css(browser, "#visitor").get_attribute("value") == "张三"  # what was typed is kept
    assert fits_the_screen(browser)

    css(browser, ".switch [lang=en]").click()
    wait_for(lambda: css(browser, "form.order button[type=submit]").text == "Make the documents")
    browser.get(desk_url)  # the choice is remembered
    assert css(browser, "form.order button[type=submit]").text == "Make the documents"


# -- the page's own font, and accessibility (issue 19) -------------------------------------

#: axe-core from npm (tools/test.sh installs it there); BRIEFING_AXE names another copy.
AXE = Path(os.environ.get("BRIEFING_AXE", Path.home() / ".cache/briefing/axe/node_modules/axe-core/axe.min.js"))
#: WCAG 2.1 A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(driver) -> list[str]:
    """What axe-core finds on the page as it is now: one line per violation and element."""
    if not AXE.is_file():
        pytest.fail(f"the accessibility test needs npm's axe-core at {AXE}; run tools/test.sh, which installs it")
    driver.execute_script(AXE.read_text(encoding="utf-8"))  # through the driver: the page's CSP does not apply
    found = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' +"
        " v.nodes.map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\\n').join(' ')).join('; '))))"
        ".catch(e => done(['axe failed: ' + e]));", AXE_TAGS)
    return found


def unfonted_chinese(driver) -> list[str]:
    """Elements showing Chinese whose font does not start with the desk's own Chinese face:
    a tablet (or headless Chromium) without a Chinese system font draws those as boxes."""
    return driver.execute_script("""
        const out = [];
        for (const el of document.body.querySelectorAll('*')) {
            const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('');
            if (/[\u2e80-\u9fff\uff00-\uffef]/.test(own) && !getComputedStyle(el).fontFamily.startsWith('"Briefing CJK"'))
                out.push(el.tagName + '.' + el.className + ': ' + own.trim().slice(0, 40));
        }
        return out;""")


def test_every_page_has_no_accessibility_violations(desk_url, broken_desk_url, open_browser):
    """axe-core 4.14 found a serious violation (colour contrast) on the zh form, the en form
    and the result page. Each page of the desk is checked in the state a person sees it."""
    browser = open_browser("zh-CN,zh")
    pages = {}
    browser.get(desk_url + "?ui=zh")
    pages["form, zh"] = axe_violations(browser)
    browser.get(desk_url + "?ui=en")
    pages["form, en"] = axe_violations(browser)
    css(browser, "form.order button[type=submit]").click()  # nothing chosen: the form's problems shown
    wait_for(lambda: browser.find_elements("css selector", ".alert"))
    pages["form with problems"] = axe_violations(browser)
    css(browser, "input[name=brochure][value=smart-medical]").click()
    css(browser, "form.order button[type=submit]").click()
    wait_for(lambda: "Documents ready" in browser.find_element("tag name", "h1").text)
    pages["documents ready"] = axe_violations(browser)
    browser.get(desk_url + "made/nothing-here")
    pages["not found"] = axe_violations(browser)
    browser.get(broken_desk_url + "?ui=zh")
    pages["a sheet with problems, zh"] = axe_violations(browser)
    found = [f"{page}: {violation}" for page, violations in pages.items() for violation in violations]
    assert found == [], "\n".join(found)


def test_the_page_sets_its_chinese_in_its_own_font(broken_desk_url, open_browser, tmp_path):
    """A problem's place (第48行) was set in a monospace system font and drawn as □48□."""
    browser = open_browser("zh-CN,zh")
    browser.get(broken_desk_url)
    where = css(browser, ".sheet-problems .where").text
    assert re.search(r"第 ?\d+ ?行", where), where
    assert unfonted_chinese(browser) == []
    assert "该园区的资料表有问题" in css(browser, ".unavailable-reason").text  # the rest stays available
    assert css(browser, "input[name=brochure][value=smart-medical]").is_enabled()
    browser.save_screenshot(str(tmp_path / "broken.png"))


def test_switching_the_language_keeps_what_was_chosen(desk_url, open_browser):
    browser = open_browser("zh-CN,zh")
    browser.get(desk_url + "?ui=zh")
    css(browser, "input[name=brochure][value=smart-medical]").click()
    css(browser, "#visitor").send_keys("张三")
    css(browser, ".switch button[lang=en]").click()
    wait_for(lambda: css(browser, "form.order button[type=submit]").text == "Make the documents")
    assert css(browser, "input[name=brochure][value=smart-medical]").is_selected()
    assert css(browser, "#visitor").get_attribute("value") == "张三"
    assert css(browser, "input[name=lang][value=zh]").is_selected()


# -- editing a fact sheet in the browser (issue 22) ---------------------------------------

@pytest.fixture(scope="module")
def editing(tmp_path_factory):
    """A desk with editing on, over a copy of the shipped sheets, and an operator's account:
    (its address, the data folder)."""
    from briefing.desk.auth import Accounts

    folder = tmp_path_factory.mktemp("editing")
    data = folder / "data"
    shutil.copytree(DATA, data)
    Accounts(folder / "editors.json").add("liu", "smart medical 2021", ("smart-medical",), False)
    for url in serve(data, 1, "--edit", "--editors", str(folder / "editors.json")):
        yield url, data


def loaded(driver, image):
    """the image loaded"""
    return driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image)


def test_an_operator_edits_a_figure_and_a_chinese_text_saves_sees_the_preview_and_restores(editing, open_browser):
    url, data = editing
    sheet = data / "parks" / "smart-medical.yaml"
    original = sheet.read_bytes()
    browser = open_browser("zh-CN,zh")
    browser.get(url + "edit/")
    assert "/edit/sign-in" in browser.current_url
    css(browser, "#name").send_keys("liu")
    css(browser, "#password").send_keys("smart medical 2021")
    css(browser, "form.signin button[type=submit]").click()
    wait_for(lambda: browser.find_elements("css selector", "ul.sheets"))
    css(browser, "a[href$='/edit/parks/smart-medical']").click()
    wait_for(lambda: browser.find_elements("css selector", "form#sheet"))
    assert fits_the_screen(browser)
    preview = css(browser, "#preview")
    wait_for(lambda: loaded(browser, preview))
    before = preview.screenshot_as_png

    value = css(browser, "#f-facts-0-value-input")
    value.clear()
    value.send_keys("4.2万")  # as a Chinese keyboard writes it: the checks say what to write
    problems = css(browser, "#f-facts-0-value-problems")
    wait_for(lambda: "expected a number, got '4.2万'" in problems.text or "应为数字" in problems.text)
    assert "42000" in problems.text
    assert value.get_attribute("aria-invalid") == "true"
    value.clear()
    value.send_keys("18000")
    wait_for(lambda: problems.text == "")
    assert value.get_attribute("aria-invalid") is None
    name = css(browser, "#f-name-zh-input")
    name.clear()
    name.send_keys("智慧医疗产业园区")
    wait_for(lambda: "1.8万平方米" in css(browser, "#f-facts-0-prints").text)  # how the figure prints
    css(browser, ".actions button[value=save]").click()

    wait_for(lambda: browser.find_elements("css selector", ".banner.good"))
    preview = css(browser, "#preview")
    wait_for(lambda: loaded(browser, preview))
    assert preview.screenshot_as_png != before  # the cover now says 智慧医疗产业园区
    saved = sheet.read_bytes()
    changed = [line for line in difflib.ndiff(original.decode().splitlines(), saved.decode().splitlines())
               if line[:1] in "-+"]
    assert changed == ["-   zh: 智慧医疗产业园", "+   zh: 智慧医疗产业园区", "-     value: 17000", "+     value: 18000"]

    css(browser, "a.history-link").click()
    css(browser, "ol.history a[href$='/history/1']").click()
    css(browser, "form button.primary").click()
    wait_for(lambda: browser.find_elements("css selector", ".banner.good"))
    assert sheet.read_bytes() == original  # comments and all, byte for byte


def test_the_edit_pages_have_no_accessibility_violations(editing, open_browser):
    url, _data = editing
    browser = open_browser("en-GB,en")
    pages = {}
    browser.get(url + "edit/sign-in?ui=en")
    pages["sign in"] = axe_violations(browser)
    css(browser, "#name").send_keys("liu")
    css(browser, "#password").send_keys("smart medical 2021")
    css(browser, "form.signin button[type=submit]").click()
    wait_for(lambda: browser.find_elements("css selector", "ul.sheets"))
    pages["fact sheets"] = axe_violations(browser)
    for ui in ("en", "zh"):
        browser.get(url + f"edit/parks/smart-medical?ui={ui}")
        value = css(browser, "#f-facts-0-value-input")
        value.clear()
        value.send_keys("4.2万")
        wait_for(lambda: css(browser, "#f-facts-0-value-problems").text)
        pages[f"a sheet with a problem, {ui}"] = axe_violations(browser)
        value.clear()
        value.send_keys("17000")
        wait_for(lambda: not css(browser, "#f-facts-0-value-problems").text)
    browser.get(url + "edit/parks/smart-medical/history?ui=en")
    pages["history"] = axe_violations(browser)
    if browser.find_elements("css selector", "ol.history a"):
        css(browser, "ol.history a").click()
        pages["a version"] = axe_violations(browser)
    browser.get(url + "edit/parks/smart-medical/preview?ui=en&lang=en")
    pages["preview"] = axe_violations(browser)
    assert unfonted_chinese(browser) == []
    found = [f"{page}: {violation}" for page, violations in pages.items() for violation in violations]
    assert found == [], "\n".join(found)
