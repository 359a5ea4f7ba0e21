"""The front desk end to end, in a real browser: ``briefing serve`` in its own process with
its worker processes, driven by Debian's Chromium through Selenium (both installed by
tools/test.sh). A person's steps: open the page on a tablet-sized screen, fill the form,
press the button, download the PDF and read its text."""

import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from helpers import DATA, REPO, read_line

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
TABLET = (820, 1180)  # an iPad Air's viewport, held upright
#: Chromium's own connections would be refused on a closed network, many at a time.
QUIET = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def desk_url():
    """A front desk on a free port, serving the shipped fact sheets with two workers."""
    env = dict(os.environ, PYTHONUNBUFFERED="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])))
    server = subprocess.Popen([sys.executable, "-m", "briefing", "serve", "--data", str(DATA), "--port", "0",
                               "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        line = read_line(server)
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert match, f"briefing serve said: {line!r}"
        yield match.group(0)
    finally:
        server.terminate()
        server.wait(10)


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
    css(browser, "#visitor").send_keys("Dr. 王小明 <Acme & Co>")
    browser.execute_script("document.getElementById('date').value = '2026-11-27'")
    css(browser, "button[type=submit]").click()

    # The visit is years after the park's expected opening: said before anything is made.
    warning = wait_for(lambda: browser.find_elements("css selector", "#dates"))[0]
    assert "Expected to open in July 2021" in warning.text and "27 November 2026" in warning.text
    assert css(browser, "#visitor").get_attribute("value") == "Dr. 王小明 <Acme & Co>"  # kept for the next press
    css(browser, "input[name=dates_checked]").click()
    css(browser, "button[type=submit]").click()

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
    button = wait_for(lambda: browser.find_element("css selector", "button[type=submit]"))
    assert wait_for(lambda: button.text == "Make the documents" and button.is_enabled())


def test_a_chinese_browser_gets_the_chinese_page_and_a_clear_message(desk_url, open_browser):
    browser = open_browser("zh-CN,zh")
    browser.get(desk_url)
    assert css(browser, "html").get_attribute("lang") == "zh-Hans"
    assert css(browser, "button[type=submit]").text == "生成文件"
    css(browser, "input[name=lang][value=zh]").click()  # un-tick the only language, choose no document
    css(browser, "#visitor").send_keys("张三")
    browser.execute_script("document.getElementById('date').value = '2026-11-27'")
    css(browser, "button[type=submit]").click()

    alert = wait_for(lambda: browser.find_elements("css selector", ".alert"))[0]
    assert "请至少选择一份文件。" in alert.text and "请至少选择一种语言。" in alert.text
    assert css(browser, "#documents").get_attribute("aria-invalid") == "true"
    assert css(browser, "#visitor").get_attribute("value") == "张三"  # what was typed is kept
    assert fits_the_screen(browser)

    css(browser, ".switch a[hreflang=en]").click()
    wait_for(lambda: css(browser, "button[type=submit]").text == "Make the documents")
    browser.get(desk_url)  # the choice is remembered
    assert css(browser, "button[type=submit]").text == "Make the documents"
