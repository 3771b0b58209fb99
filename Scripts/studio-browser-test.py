#!/usr/bin/env python3
"""pmmc studio in a real browser: headless Chromium driven through WebDriver (selenium).

Starts `pmmc studio getting-elected --port 0`, reads the address it prints, and as a student
would: steps through the walk-through's "Or... Branch B", goes back (with the button and the
arrow keys), takes another way (drops l0's p1a to a0 instead of delivering it), which forks a
branch of its own, checks that the state boxes and the space-time diagram follow, names a
fork, crashes a2 (a p1a to it is lost), restarts it (the scout's p1a sent again reaches it),
sends a bad request, and exports the session as a test and as a trace that
`pmmc render` reads. Waits are explicit WebDriver
waits with generous timeouts, for a loaded machine; nothing sleeps a fixed time.

Usage: Scripts/studio-browser-test.py [PMMC] [--screenshot FILE]
"""
import json
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

TIMEOUT = 120


def start_studio(pmmc):
    studio = subprocess.Popen([pmmc, "studio", "getting-elected", "--port", "0"], stdout=subprocess.PIPE, text=True)
    line = studio.stdout.readline()
    if "http://127.0.0.1:" not in line:
        studio.kill()
        raise SystemExit(f"FAIL: pmmc studio printed {line!r}, not its address")
    return studio, line.split(" at ")[1].split(" ")[0]


def browser():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1200"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Page:
    def __init__(self, driver):
        self.driver = driver
        self.wait = WebDriverWait(driver, TIMEOUT)

    def version(self):
        return int(self.driver.find_element(By.TAG_NAME, "body").get_attribute("data-version"))

    def act(self, action):
        """Runs `action` and waits until the page has drawn the server's answer."""
        before = self.version()
        action()
        self.wait.until(lambda _: self.version() > before)

    def click(self, css):
        self.act(lambda: self.driver.find_element(By.CSS_SELECTOR, css).click())

    def text(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css).get_attribute("textContent")

    def box(self, process):
        return self.text(f'.box[data-process="{process}"] pre')

    def diagram_arrows(self):
        return len(self.driver.find_elements(By.CSS_SELECTOR, "#diagram svg line, #diagram svg path"))


def check(condition, message):
    if not condition:
        raise SystemExit("FAIL: " + message)
    print("ok: " + message)


def main():
    arguments = sys.argv[1:]
    screenshot = None
    if "--screenshot" in arguments:
        index = arguments.index("--screenshot")
        screenshot = arguments[index + 1]
        del arguments[index:index + 2]
    pmmc = arguments[0] if arguments else ".build/debug/pmmc"
    studio, url = start_studio(pmmc)
    try:
        run(pmmc, studio, url, screenshot)
    finally:
        if studio.poll() is None:
            studio.kill()
            studio.wait()


def run(pmmc, studio, url, screenshot):
    driver = browser()
    try:
        page = Page(driver)
        driver.get(url)
        page.wait.until(lambda _: page.version() > 0 and driver.find_elements(By.CSS_SELECTOR, "#steps li"))
        check("Leader: getting elected" in page.text("#title"), "the page opens on the walk-through")
        branches = Select(driver.find_element(By.ID, "branch"))
        check([option.text for option in branches.options][1].startswith("Or… Branch B"), "its outcomes are branches")
        page.act(lambda: branches.select_by_index(1))
        page.click('#steps li[data-position="2"]')
        check(page.text("#position") == "step 2 of 7", "a click on a step goes there")
        check(page.box("a0") == "ballot_num: _\naccepted: []", "a0 has adopted nothing yet")
        arrows_before = page.diagram_arrows()
        page.click("#forward")
        check(page.box("a0") == "ballot_num: 0.0\naccepted: []", "forward: a0 adopts 0.0, its box updates")
        check("changed" in driver.find_element(By.CSS_SELECTOR, '.box[data-process="a0"]').get_attribute("class"), "the changed box is marked")
        check(page.diagram_arrows() > arrows_before, "the space-time diagram grows")
        page.click("#back")
        check(page.box("a0") == "ballot_num: _\naccepted: []" and page.text("#position") == "step 2 of 7", "back: a0 is as it was")
        page.act(lambda: ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform())
        check(page.text("#position") == "step 3 of 7", "the right arrow key steps forward")
        page.act(lambda: ActionChains(driver).send_keys(Keys.ARROW_LEFT).perform())
        check(page.box("a0") == "ballot_num: _\naccepted: []" and page.text("#position") == "step 2 of 7", "the left arrow key steps back")
        drop = driver.find_element(By.XPATH, '//ul[@id="pending"]/li[contains(., "l0/s1 → a0 p1a(0.0)")]/button[@data-move="drop"]')
        page.act(drop.click)
        check(page.text("#position") == "step 3 of 3", "or… dropping l0's p1a to a0 instead is step 3 of a new branch")
        check("changed at step 3" in Select(driver.find_element(By.ID, "branch")).first_selected_option.text, "the new branch is current")
        check(len(Select(driver.find_element(By.ID, "branch")).options) == 3, "the walk-through's branches are kept")
        check(page.box("a0") == "ballot_num: _\naccepted: []", "a0 never hears of 0.0")
        check("l0/s1 → a0" not in page.text("#pending"), "the dropped message is no longer pending")
        check("yours" in driver.find_elements(By.CSS_SELECTOR, "#steps li")[-1].get_attribute("class"), "the step is marked as the student's")
        deliver = driver.find_element(By.XPATH, '//ul[@id="pending"]/li[contains(., "l0/s1 → a1 p1a(0.0)")]/button[@data-move="deliver"]')
        page.act(deliver.click)
        check(page.box("a1") == "ballot_num: 0.0\naccepted: []", "delivering to a1 still works on the new branch")
        driver.find_element(By.ID, "fork-name").send_keys("my fork")
        page.click("#fork")
        check(Select(driver.find_element(By.ID, "branch")).first_selected_option.text == "my fork (4 steps)", "fork here makes a named branch")
        page.click('#crash button[data-process="a2"]')
        check("(crashed)" in page.text('.box[data-process="a2"] h3'), "crashing a2 shows in its box")
        lost = driver.find_element(By.XPATH, '//ul[@id="pending"]/li[contains(., "l0/s1 → a2 p1a(0.0)")]/button[@data-move="deliver"]')
        page.act(lost.click)
        check(page.box("a2") == "ballot_num: _\naccepted: []", "a p1a delivered to the crashed a2 is lost")
        restart = driver.find_element(By.CSS_SELECTOR, '#crash button[data-process="a2"]')
        check(restart.get_attribute("data-move") == "restart" and restart.text == "restart a2", "the crashed a2 offers a restart button")
        page.act(restart.click)
        check("(crashed)" not in page.text('.box[data-process="a2"] h3'), "restarting a2 shows in its box")
        check(page.text("#steps li:last-child").endswith("restart a2"), "the restart is a step of the timeline")
        fire = driver.find_element(By.XPATH, '//ul[@id="pending"]/li[contains(., "l0/s1 timer phaseRetransmit")]/button[@data-move="fire"]')
        page.act(fire.click)
        again = driver.find_element(By.XPATH, '//ul[@id="pending"]/li[contains(., "l0/s1 → a2 p1a(0.0)")]/button[@data-move="deliver"]')
        page.act(again.click)
        check(page.box("a2") == "ballot_num: 0.0\naccepted: []", "the scout sends p1a again and the restarted a2 adopts 0.0")
        page.act(lambda: driver.execute_script(
            "move({move: 'deliver', event: 4242})"))
        check("no pending event #4242" in page.text("#error"), "a bad request shows the server's error on the page")
        if screenshot:
            driver.save_screenshot(screenshot)
            print("ok: screenshot in " + screenshot)
    finally:
        driver.quit()
    try:
        request = urllib.request.Request(url + "api/move", data=b"{oops", method="POST")
        urllib.request.urlopen(request, timeout=TIMEOUT)
        raise SystemExit("FAIL: malformed JSON was accepted")
    except urllib.error.HTTPError as error:
        check(error.code == 400 and json.load(error)["error"] == "the body must be a JSON object", "malformed JSON gets a 400 and a clear error")
    exported = urllib.request.urlopen(url + "api/export/test", timeout=TIMEOUT).read().decode()
    check("@Test func studioSession()" in exported and "try simulation.drop(" in exported and "try simulation.crash(.acceptor(2))" in exported
          and "try simulation.restart(.acceptor(2))" in exported,
          "the session exports as a Swift Testing test")
    trace = urllib.request.urlopen(url + "api/export/trace", timeout=TIMEOUT).read()
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as file:
        file.write(trace)
        file.flush()
        rendered = subprocess.run([pmmc, "render", file.name], capture_output=True, text=True, check=True).stdout
    check("crash" in rendered and "a2 restarted" in rendered, "pmmc render reads the exported trace, the restart too")
    studio.send_signal(2)
    check(studio.wait(timeout=TIMEOUT) == 0 and "stopped" in studio.stdout.read(), "SIGINT stops the studio cleanly")
    print("studio browser test: 1 passed, 0 failed")


if __name__ == "__main__":
    main()
