#!/usr/bin/env python3
"""Check a questionnaire file (format v2, see src/Quickscan.Domain/DefaultQuestionnaire/FORMAT.md) and print its figures.

    python3 scripts/questionnaire-check.py [FILE]      (default: the default questionnaire v2)

Checks what can be checked without the domain library: unique keys, level bands (incl. variants), both languages
non-empty, duplicate advice, one audience per factor, showIf and variants pointing at earlier single-choice
questions and existing options, and a few writing rules ({platform} never opens a sentence, so the default name
"het platform" never starts one in lower case). The domain validator stays the authority; this script is the
content writer's quick loop and the source of the word counts and reading-time figures.

Reading time per track: every text a respondent is shown (introduction, headings, intros, questions, help lines,
option labels and, for statements, the scale labels from the UI resources) read at 150 words a minute, plus
6 seconds per answer and 30 seconds per open answer (typing a sentence). {platform} counts as two words ("het
platform", "Viva Engage"). Questions behind showIf are counted as shown (the longest path). The profile step's
interview wording (resource keys ending in .Interview) is the intake's, not the employee's. The employee survey
must stay under 12 minutes on its slowest track (role group and language). Exit code 1 when a check fails.
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_FILE = os.path.join(ROOT, "src/Quickscan.Domain/DefaultQuestionnaire/questionnaire.v2.json")
RESX = os.path.join(ROOT, "src/Quickscan.Web/Resources/SharedResource.{}.resx")
LANGS = ("nl", "en")
CONDITIONS = ["usage", "purposefulness", "organisation", "process-integration"]
ROLE_GROUPS = ["employee", "management", "community-manager", "support", "other"]
HORIZONS = {30, 60, 90, 180, 365}
WORDS_PER_MINUTE = 150
SECONDS_PER_ANSWER = 6
SECONDS_PER_OPEN_ANSWER = 30
LIMIT_SECONDS = 12 * 60
SETTINGS = {"coverageThreshold", "consensusSdThreshold", "anonymityThreshold", "factorLagThreshold", "benchmarkMinimum",
            "bottleneckMargin", "scanBottleneckMargin", "minimumAnsweredShare", "minimumSecondsPerAnswer"}

problems = []
warnings = []


def problem(path, message):
    problems.append(f"{path}: {message}")


def warn(path, message):
    warnings.append(f"{path}: {message}")


def minutes(seconds):
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def words(text):
    text = text.replace("{platform}", "platform name")
    return len([w for w in text.split() if re.search(r"\w", w)])


def check_text(path, value, required=True):
    if value is None:
        if required:
            problem(path, "missing text")
        return
    if not isinstance(value, dict):
        problem(path, "a text is an object with nl and en")
        return
    for lang in LANGS:
        s = value.get(lang)
        if not isinstance(s, str) or not s.strip():
            problem(path, f"{lang} is empty")
            continue
        if s != s.strip() or "  " in s:
            problem(path, f"{lang} has stray spaces")
        for placeholder in re.findall(r"\{[^}]*\}", s):
            if placeholder != "{platform}":
                problem(path, f"{lang} has an unknown placeholder {placeholder}")
        # A sentence (or a label/heading) that opens with {platform} would read "het platform ..." in lower case.
        if re.search(r"(^|[.!?:]\s+)\{platform\}", s):
            problem(path, f"{lang} opens a sentence with {{platform}}: '{s[:60]}'")
    extra = set(value) - set(LANGS)
    if extra:
        problem(path, f"unknown languages {sorted(extra)}")
    if value.get("nl") and value.get("nl") == value.get("en") and words(value["nl"]) > 2:
        warn(path, "Dutch and English are identical")


def scale_labels():
    """The statement scale as the respondent pages show it (UI resources), per language."""
    labels = {}
    for lang in LANGS:
        keys = {}
        try:
            for data in ET.parse(RESX.format(lang)).getroot().iter("data"):
                if data.get("name", "").startswith("Scale."):
                    keys[data.get("name")] = data.findtext("value") or ""
        except (OSError, ET.ParseError):
            pass
        labels[lang] = {
            "scale": [keys.get(f"Scale.{i}", "x x") for i in range(1, 6)],
            "dontKnow": keys.get("Scale.DontKnow", "Weet ik niet"),
            "notApplicable": keys.get("Scale.NotApplicable", "n.v.t."),
        }
    return labels


def profile_texts():
    """What the profile step shows (role group and department), per language, from the UI resources."""
    out = {}
    for lang in LANGS:
        texts = []
        try:
            for data in ET.parse(RESX.format(lang)).getroot().iter("data"):
                name = data.get("name", "")
                # The interview wording of the profile step is the consultant's, never shown to an employee.
                if (name.startswith("Profile.") or name.startswith("RoleGroup.")) and not name.endswith(".Interview"):
                    texts.append(data.findtext("value") or "")
        except (OSError, ET.ParseError):
            pass
        out[lang] = texts
    return out


def main(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)

    keys = {}

    def register(key, where):
        if not isinstance(key, str) or not key:
            problem(where, "missing key")
            return
        if key in keys:
            problem(where, f"key {key} also used at {keys[key]}")
        keys[key] = where

    for field in ("title", "introduction"):
        check_text(field, doc.get(field))
    for field in ("intakeIntroduction", "defaultPlatformName"):
        check_text(field, doc.get(field), required=False)
    if doc.get("key") != "quickscan-default":
        warn("key", f"key is {doc.get('key')}")
    settings = doc.get("settings", {})
    for name in settings:
        if name not in SETTINGS:
            problem(f"settings.{name}", "unknown setting")
    for name in sorted(SETTINGS - set(settings)):
        warn(f"settings.{name}", "not set (default applies)")

    levels = doc.get("levels", [])
    bands = {}
    if [lv.get("number") for lv in levels] != [1, 2, 3, 4, 5]:
        problem("levels", "need levels 1-5 in order")
    previous_to = 0
    for i, lv in enumerate(levels):
        check_text(f"levels[{i}].name", lv.get("name"))
        check_text(f"levels[{i}].description", lv.get("description"), required=False)
        if lv.get("from") != previous_to:
            problem(f"levels[{i}]", "bands must join without gaps, starting at 0")
        previous_to = lv.get("to")
        bands[lv.get("number")] = (lv.get("from"), lv.get("to"))
    if previous_to != 100:
        problem("levels", "the top level must end at 100")

    def in_band(score, level):
        if level not in bands:
            return False
        lo, hi = bands[level]
        return lo <= score < hi or (level == 5 and score == 100)

    questions = {}  # key -> question, in file order (context first)
    order = []
    advice_texts = {lang: {} for lang in LANGS}

    def check_advice(where, adv):
        if not isinstance(adv, dict) or "text" not in adv:
            problem(where, "advice must be an object with text, owner and horizonDays")
            return
        check_text(f"{where}.text", adv.get("text"))
        check_text(f"{where}.owner", adv.get("owner"))
        if adv.get("horizonDays") not in HORIZONS:
            problem(where, f"horizonDays {adv.get('horizonDays')} is not one of {sorted(HORIZONS)}")
        for lang in LANGS:
            text = (adv.get("text") or {}).get(lang, "")
            norm = re.sub(r"\W+", " ", text.lower()).strip()
            if norm in advice_texts[lang]:
                problem(where, f"{lang} advice text is the same as {advice_texts[lang][norm]}")
            advice_texts[lang][norm] = where

    def check_question(where, q, condition=None, context=False):
        register(q.get("key"), where)
        kind = q.get("kind")
        if kind not in ("agreement", "single-choice", "open-text"):
            problem(where, f"unknown kind {kind}")
        check_text(f"{where}.text", q.get("text"))
        check_text(f"{where}.help", q.get("help"), required=False)
        audience = q.get("audience", "everyone")
        if audience not in ("everyone", "owner"):
            problem(where, f"unknown audience {audience}")
        for group in q.get("roleGroups", []) or []:
            if group not in ROLE_GROUPS:
                problem(where, f"unknown role group {group}")
        if q.get("reversed") and kind != "agreement":
            problem(where, "only statements can be reversed")
        options = q.get("options")
        if kind == "single-choice":
            if not options or len(options) < 2:
                problem(where, "a single-choice question needs at least 2 options")
                options = options or []
            option_keys = [o.get("key") for o in options]
            if len(set(option_keys)) != len(option_keys):
                problem(where, "option keys repeat")
            declared = [o for o in options if "level" in o]
            if declared and len(declared) != len(options):
                problem(where, "either every option declares a level or none does")
            for j, o in enumerate(options):
                ow = f"{where}.options[{j}]"
                check_text(f"{ow}.label", o.get("label"))
                if context:
                    if "score" in o or "level" in o:
                        problem(ow, "context options carry no score or level")
                    continue
                score = o.get("score")
                if not isinstance(score, (int, float)) or not 0 <= score <= 100:
                    problem(ow, f"score {score} outside 0-100")
                    continue
                if "level" in o and not in_band(score, o["level"]):
                    problem(ow, f"score {score} is outside the band of level {o['level']} {bands.get(o['level'])}")
                for k, v in enumerate(o.get("variants", []) or []):
                    vw = f"{ow}.variants[{k}]"
                    when = v.get("when", {})
                    target = questions.get(when.get("question"))
                    if target is None or target.get("kind") != "single-choice":
                        problem(vw, f"when.question {when.get('question')} is not an earlier single-choice question")
                    else:
                        unknown = set(when.get("options", [])) - {x.get("key") for x in target.get("options", [])}
                        if unknown or not when.get("options"):
                            problem(vw, f"when.options {sorted(unknown)} unknown or empty")
                    if "level" in o and not in_band(v.get("score", -1), v.get("level")):
                        problem(vw, f"variant score {v.get('score')} is outside the band of level {v.get('level')}")
        elif options:
            problem(where, "only single-choice questions have options")
        show_if = q.get("showIf")
        if show_if:
            target = questions.get(show_if.get("question"))
            if target is None or target.get("kind") != "single-choice":
                problem(where, f"showIf.question {show_if.get('question')} is not an earlier single-choice question")
            else:
                unknown = set(show_if.get("options", [])) - {x.get("key") for x in target.get("options", [])}
                if unknown or not show_if.get("options"):
                    problem(where, f"showIf.options {sorted(unknown)} unknown or empty")
                if target.get("audience", "everyone") == "owner" and audience == "everyone":
                    problem(where, "an employee question cannot depend on an intake-only answer")
        questions[q.get("key")] = q
        order.append((condition, q))

    for i, q in enumerate(doc.get("context", []) or []):
        where = f"context[{i}]"
        if not str(q.get("key", "")).startswith("context."):
            problem(where, "context keys start with context.")
        if q.get("audience", "everyone") != "owner":
            problem(where, "context questions are asked in the intake only (audience owner)")
        check_question(where, q, context=True)

    conditions = doc.get("conditions", [])
    if [c.get("key") for c in conditions] != CONDITIONS:
        problem("conditions", f"need exactly {CONDITIONS}")
    factors_by_condition = {}
    for i, c in enumerate(conditions):
        cw = f"conditions[{i}]"
        register(c.get("key"), cw)
        for field in ("name", "description"):
            check_text(f"{cw}.{field}", c.get(field))
        for field in ("respondentName", "respondentIntro"):
            check_text(f"{cw}.{field}", c.get(field), required=False)
        if len(c.get("levels", [])) != 5:
            problem(cw, "needs five levels")
        for j, lv in enumerate(c.get("levels", [])):
            if lv.get("level") != j + 1:
                problem(f"{cw}.levels[{j}]", f"level must be {j + 1}")
            check_text(f"{cw}.levels[{j}].description", lv.get("description"))
            check_text(f"{cw}.levels[{j}].respondentDescription", lv.get("respondentDescription"), required=False)
            check_advice(f"{cw}.levels[{j}].advice", lv.get("advice"))
        factors_by_condition[c.get("key")] = c.get("factors", [])
        for j, f in enumerate(c.get("factors", [])):
            fw = f"{f.get('key')}"
            register(f.get("key"), f"{cw}.factors[{j}]")
            if not str(f.get("key", "")).startswith(c.get("key", "") + "."):
                problem(fw, "factor keys start with their condition's key")
            if not isinstance(f.get("weight"), (int, float)) or f["weight"] <= 0:
                problem(fw, "weight must be > 0")
            for field in ("name", "description"):
                check_text(f"{fw}.{field}", f.get(field))
            check_text(f"{fw}.respondentName", f.get("respondentName"), required=False)
            check_text(f"{fw}.tip", f.get("tip"), required=False)
            check_advice(f"{fw}.advice", f.get("advice"))
            scored = [q for q in f.get("questions", []) if q.get("kind") != "open-text"]
            if not scored:
                problem(fw, "needs at least one scored question")
            audiences = {q.get("audience", "everyone") for q in scored}
            if len(audiences) > 1:
                problem(fw, f"scored questions mix audiences {sorted(audiences)}")
            if "everyone" in audiences:
                if not f.get("tip"):
                    problem(fw, "an employee factor needs a tip (what an employee can do)")
                if not f.get("respondentName"):
                    problem(fw, "an employee factor needs a neutral respondentName")
            for k, q in enumerate(f.get("questions", [])):
                if not str(q.get("key", "")).startswith(f.get("key", "") + "."):
                    problem(f"{fw}.questions[{k}]", "question keys start with their factor's key")
                check_question(f"{fw}.questions[{k}]", q, condition=c.get("key"))
            if c.get("key") == "usage" and len(scored) < 2:
                problem(fw, "every usage factor needs at least 2 scored questions")

    weights = {c.get("key"): c.get("weight", 0) for c in conditions}
    pi = weights.get("process-integration", 0)
    if any(w >= pi for k, w in weights.items() if k != "process-integration"):
        problem("conditions", "process integration must carry the highest weight")

    # Near-duplicate advice: the planner can put a condition's advice and a factor's advice side by side.
    for lang in LANGS:
        items = list(advice_texts[lang].items())
        grams = [(where, {tuple(t.split()[k:k + 3]) for k in range(len(t.split()) - 2)}) for t, where in items]
        for a in range(len(grams)):
            for b in range(a + 1, len(grams)):
                (wa, ga), (wb, gb) = grams[a], grams[b]
                overlap = len(ga & gb) / max(1, len(ga | gb))
                if overlap > 0.3:
                    warn(f"{wa} / {wb}", f"{lang} advice texts overlap {overlap:.0%} (three-word sequences)")

    report(doc, factors_by_condition)
    return doc


def report(doc, factors_by_condition):
    labels = scale_labels()
    profile = profile_texts()

    def shown(q, track):
        audience = q.get("audience", "everyone")
        if track == "intake":
            return True
        if audience != "everyone":
            return False
        groups = q.get("roleGroups")
        if not groups:
            return True
        return track in groups

    print("== Items per condition and audience (scored / open; ladders in brackets)")
    total = {"owner": 0, "everyone": 0}
    for c in doc["conditions"]:
        cells = []
        for audience in ("owner", "everyone"):
            qs = [q for f in c["factors"] for q in f["questions"] if q.get("audience", "everyone") == audience]
            scored = [q for q in qs if q["kind"] != "open-text"]
            ladders = [q for q in scored if q["kind"] == "single-choice" and all("level" in o for o in q["options"])]
            opened = [q for q in qs if q["kind"] == "open-text"]
            routed = [q for q in qs if q.get("roleGroups")]
            total[audience] += len(scored)
            cells.append(f"{audience}: {len(scored)} scored ({len(ladders)} ladders), {len(opened)} open"
                         + (f", {len(routed)} for role groups only" if routed else ""))
        factors = len(c["factors"])
        print(f"  {c['key']:<20} weight {c['weight']:<4} {factors} factors | " + " | ".join(cells))
    print(f"  context (intake): {len(doc.get('context', []))} unscored questions")
    print(f"  total scored: owner {total['owner']}, everyone {total['everyone']}")
    print("  factors:")
    for c in doc["conditions"]:
        for f in c["factors"]:
            scored = [q for q in f["questions"] if q["kind"] != "open-text"]
            audience = scored[0].get("audience", "everyone") if scored else "-"
            print(f"    {f['key']:<36} {audience:<8} weight {f['weight']:<4} {len(scored)} scored")

    advice = sum(1 for c in doc["conditions"] for _ in c["levels"]) + sum(len(f) for f in factors_by_condition.values())
    tips = sum(1 for c in doc["conditions"] for f in c["factors"] if f.get("tip"))
    print(f"  advice objects: {advice} (condition x level {4 * 5}, factor {advice - 20}); employee tips: {tips}")

    print(f"\n== Reading time per track ({WORDS_PER_MINUTE} words/min for every shown text, {SECONDS_PER_ANSWER} s per answer,"
          f" {SECONDS_PER_OPEN_ANSWER} s per open answer; showIf counted as shown)")
    tracks = ["no-role"] + ROLE_GROUPS + ["intake"]
    worst = 0
    worst_track = None
    for track in tracks:
        line = []
        for lang in LANGS:
            w = 0
            answers = 0
            open_answers = 0
            scale_words = 0
            intro = doc.get("intakeIntroduction") if track == "intake" else doc.get("introduction")
            w += words((intro or doc["introduction"])[lang])
            if track != "intake":
                w += sum(words(t) for t in profile[lang])
                answers += 2
            if track == "intake":
                for q in doc.get("context", []):
                    w += words(q["text"][lang]) + sum(words(o["label"][lang]) for o in q["options"])
                    w += words(q["help"][lang]) if q.get("help") else 0
                    answers += 1
            for c in doc["conditions"]:
                visible_factors = [f for f in c["factors"] if any(shown(q, track) for q in f["questions"])]
                if not visible_factors:
                    continue
                w += words((c.get("respondentName") or c["name"])[lang])
                w += words(c["respondentIntro"][lang]) if c.get("respondentIntro") else 0
                for f in visible_factors:
                    w += words((f.get("respondentName") or f["name"])[lang])
                    for q in f["questions"]:
                        if not shown(q, track):
                            continue
                        if q["kind"] == "open-text":
                            open_answers += 1
                        else:
                            answers += 1
                        w += words(q["text"][lang]) + (words(q["help"][lang]) if q.get("help") else 0)
                        extra = 0
                        if q["kind"] == "agreement":
                            extra += sum(words(s) for s in labels[lang]["scale"])
                        if q["kind"] == "single-choice":
                            extra += sum(words(o["label"][lang]) for o in q["options"])
                        if q["kind"] != "open-text" and q.get("dontKnow", True):
                            extra += words(labels[lang]["dontKnow"])
                        if q.get("notApplicable"):
                            extra += words(labels[lang]["notApplicable"])
                        w += extra
                        if q["kind"] == "agreement":
                            scale_words += extra
            seconds = w * 60 / WORDS_PER_MINUTE + answers * SECONDS_PER_ANSWER + open_answers * SECONDS_PER_OPEN_ANSWER
            if track != "intake" and seconds > worst:
                worst, worst_track = seconds, f"{track} ({lang})"
            line.append(f"{lang}: {w} words, {answers} answers + {open_answers} open, {minutes(seconds)} min"
                        f" (of which scale labels {scale_words} words)")
        print(f"  {track:<18} " + " | ".join(line))
    verdict = "under" if worst < LIMIT_SECONDS else "OVER"
    print(f"  slowest employee track: {worst_track}, {minutes(worst)} min, {verdict} the 12-minute limit")
    if worst >= LIMIT_SECONDS:
        problem("reading time", f"the employee survey takes {worst / 60:.1f} min for a slow reader (limit 12)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_FILE)
    for w in warnings:
        print("warning:", w)
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  ", p)
        sys.exit(1)
    print("\nno problems")
