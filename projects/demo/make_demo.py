#!/usr/bin/env python3
"""Writes demo.jsonl: three invented news articles with two annotators' layers.

The articles are written for spanbench's demo (no real events). They carry what real input
carries: an odd first line, a dateline, straight and typographic quotes, a quote interrupted by
its reporting clause, a claim and its rebuttal, an embedded post with an emoji, a photo credit,
a combining accent and CRLF line ends. Offsets are Python str indices, i.e. code points.

Run: python3 projects/demo/make_demo.py   (from the repository root)
"""
import hashlib
import json
import pathlib

ARTICLES = []

# 1 — German, LF line ends, odd first line, typographic and straight quotes, a post with emoji.
ARTICLES.append({
    "id": "stadtwerke-lindenau",
    "title": "„Wir wurden nicht gewarnt“ – Stadtwerke Lindenau nach Hackerangriff unter Druck",
    "meta": {"source": "spanbench demo (invented)", "date": "2024-03", "language": "de"},
    "text": (
        " datum 2024-03 „Wir wurden nicht gewarnt“ – Stadtwerke Lindenau nach Hackerangriff unter Druck\n"
        "\n"
        "LINDENAU (sbd) – Nach dem Hackerangriff auf die Stadtwerke Lindenau hat Bürgermeisterin Petra Krause "
        "schwere Vorwürfe gegen das Landesamt für IT-Sicherheit erhoben. Das Amt habe seit Wochen von der "
        "Schwachstelle gewusst, sagte Krause am Dienstag.\n"
        "\n"
        "„Wir wurden nicht gewarnt“, sagte Krause, „und das werden wir nicht hinnehmen.“\n"
        "\n"
        "Das Landesamt wies die Darstellung zurück. Eine Sprecherin erklärte, man habe die Stadtwerke bereits "
        "im Januar schriftlich informiert. \"Die Warnung ging am 14. Januar raus, das ist dokumentiert\", sagte sie.\n"
        "\n"
        "Auf der Plattform X schrieb Oppositionsführer Jonas Berger:\n"
        "\n"
        "@JonasBerger_LDN: Die Stadtwerke waren drei Tage offline. Wer trägt dafür die Verantwortung? 🤔 #Lindenau\n"
        "\n"
        "Die Stadtwerke selbst gaben an, dass keine Kundendaten abgeflossen seien.\n"
        "\n"
        "Foto: Stadtwerke Lindenau | Bildquelle: sbd-Archiv\n"
    ),
})

# 2 — English, an interrupted quote, a claim rebutted by a spokesman, a post with two emoji.
ARTICLES.append({
    "id": "data-sharing-deal",
    "title": "Senator says data deal 'puts millions at risk'; department calls it false",
    "meta": {"source": "spanbench demo (invented)", "date": "2024-05", "language": "en"},
    "text": (
        "Senator says data deal 'puts millions at risk'; department calls it false\n"
        "\n"
        "WASHINGTON — Senator Maria Alvarez said on Thursday that the new data-sharing agreement \"puts millions "
        "of users at risk\", a charge the Commerce Department rejected within hours.\n"
        "\n"
        "\"This deal,\" Alvarez told reporters, \"was negotiated behind closed doors and nobody read the fine print.\"\n"
        "\n"
        "Alvarez claimed that the agreement allows foreign agencies to request user data without a warrant. "
        "A department spokesman, Tom Reilly, called that \"simply false\" and said every request still required "
        "a court order.\n"
        "\n"
        "In a post on Bluesky, the digital rights group OpenNet wrote:\n"
        "\n"
        "@opennet.bsky.social: We read all 212 pages. The warrant clause is on page 87 – look it up 📄👀\n"
        "\n"
        "Reilly later said the department would publish the full text next week.\n"
        "\n"
        "Photo: J. Carter / sbd\n"
    ),
})

# 3 — German, CRLF line ends, a combining accent (René = Rene + U+0301), a dateline.
ARTICLES.append({
    "id": "nordkasse-datenleck",
    "title": "Datenleck bei Krankenkasse: Vorstand spricht von „Einzelfall“",
    "meta": {"source": "spanbench demo (invented)", "date": "2024-02", "language": "de"},
    "text": (
        "Datenleck bei Krankenkasse: Vorstand spricht von „Einzelfall“\r\n"
        "\r\n"
        "Stand: 12.02.2024 09:41 Uhr\r\n"
        "\r\n"
        "HAMBURG. Nach dem Bekanntwerden eines Datenlecks bei der Nordkasse hat Vorstandschef Rene\u0301 Albers "
        "von einem „bedauerlichen Einzelfall“ gesprochen. Betroffen seien weniger als 500 Versicherte.\r\n"
        "\r\n"
        "Datenschützer widersprechen: Nach Recherchen des Vereins Digitale Freiheit sind mindestens 40.000 "
        "Datensätze im Netz aufgetaucht. „Von einem Einzelfall kann keine Rede sein“, sagte Vereinssprecherin "
        "Aylin Demir.\r\n"
        "\r\n"
        "Albers kündigte an, alle Betroffenen bis Ende des Monats schriftlich zu informieren. 💊\r\n"
    ),
})


def span(text, needle, nth=0):
    """Code point range of the nth occurrence of needle in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return [start, start + len(needle)]


# Layers: per article, per annotator, a list of (id, label, [needles...], attributes) and relations.
# A needle is a string or (string, nth). Several needles make a discontinuous annotation.
LAYERS = {
    "stadtwerke-lindenau": {
        "anna": {
            "annotations": [
                ("a1", "speaker", ["Bürgermeisterin Petra Krause"], {}),
                ("a2", "quote", ["Das Amt habe seit Wochen von der Schwachstelle gewusst"], {"form": "indirect"}),
                ("a3", "claim", ["Das Amt habe seit Wochen von der Schwachstelle gewusst"], {"stance": "reported"}),
                ("a4", "speaker", [("Krause", 1)], {}),
                ("a5", "quote", [("„Wir wurden nicht gewarnt“", 1), "„und das werden wir nicht hinnehmen.“"], {"form": "direct"}),
                ("a6", "speaker", [("Krause", 2)], {}),
                ("a7", "speaker", ["Eine Sprecherin"], {}),
                ("a8", "rebuttal", ["man habe die Stadtwerke bereits im Januar schriftlich informiert"], {"stance": "denies"}),
                ("a9", "quote", ["\"Die Warnung ging am 14. Januar raus, das ist dokumentiert\""], {"form": "direct"}),
                ("a10", "speaker", ["@JonasBerger_LDN"], {}),
                ("a11", "quote", ["Die Stadtwerke waren drei Tage offline. Wer trägt dafür die Verantwortung? 🤔 #Lindenau"], {"form": "direct"}),
                ("a12", "claim", ["keine Kundendaten abgeflossen seien"], {"stance": "reported"}),
                ("a13", "speaker", [("Die Stadtwerke", 1)], {}),
            ],
            "relations": [
                ("r1", "attribution", "a2", "a1"), ("r2", "attribution", "a3", "a1"),
                ("r3", "attribution", "a5", "a6"), ("r4", "attribution", "a8", "a7"),
                ("r5", "rebuts", "a8", "a3"), ("r6", "attribution", "a9", "a7"),
                ("r7", "attribution", "a11", "a10"), ("r8", "attribution", "a12", "a13"),
            ],
            "status": "done",
        },
        # ben: the direct quote without its quotation marks (boundary), the rebuttal tagged as a
        # claim (label), the post not marked (missing), the spokeswoman's quote not linked (link).
        "ben": {
            "annotations": [
                ("a1", "speaker", ["Petra Krause"], {}),
                ("a2", "quote", ["Das Amt habe seit Wochen von der Schwachstelle gewusst"], {"form": "indirect"}),
                ("a3", "claim", ["Das Amt habe seit Wochen von der Schwachstelle gewusst"], {}),
                ("a4", "quote", [("Wir wurden nicht gewarnt", 1), "und das werden wir nicht hinnehmen."], {"form": "direct"}),
                ("a5", "speaker", [("Krause", 2)], {}),
                ("a6", "speaker", ["Eine Sprecherin"], {}),
                ("a7", "claim", ["man habe die Stadtwerke bereits im Januar schriftlich informiert"], {}),
                ("a8", "quote", ["\"Die Warnung ging am 14. Januar raus, das ist dokumentiert\""], {"form": "direct"}),
                ("a9", "claim", ["keine Kundendaten abgeflossen seien"], {}),
                ("a10", "speaker", [("Die Stadtwerke", 1)], {}),
            ],
            "relations": [
                ("r1", "attribution", "a2", "a1"), ("r2", "attribution", "a3", "a1"),
                ("r3", "attribution", "a4", "a5"), ("r4", "attribution", "a7", "a6"),
                ("r5", "attribution", "a9", "a10"),
            ],
            "status": "done",
        },
    },
    "data-sharing-deal": {
        "anna": {
            "annotations": [
                ("a1", "speaker", ["Senator Maria Alvarez"], {}),
                ("a2", "quote", ["\"puts millions of users at risk\""], {"form": "direct"}),
                ("a3", "quote", ["\"This deal,\"", "\"was negotiated behind closed doors and nobody read the fine print.\""], {"form": "direct"}),
                ("a4", "speaker", [("Alvarez", 1)], {}),
                ("a5", "claim", ["the agreement allows foreign agencies to request user data without a warrant"], {"stance": "asserted"}),
                ("a6", "speaker", [("Alvarez", 2)], {}),
                ("a7", "speaker", ["Tom Reilly"], {}),
                ("a8", "rebuttal", ["every request still required a court order"], {"stance": "denies"}),
                ("a9", "quote", ["\"simply false\""], {"form": "direct"}),
                ("a10", "speaker", ["@opennet.bsky.social"], {}),
                ("a11", "quote", ["We read all 212 pages. The warrant clause is on page 87 – look it up 📄👀"], {"form": "direct"}),
                ("a12", "quote", ["the department would publish the full text next week"], {"form": "indirect"}),
                ("a13", "speaker", [("Reilly", 1)], {}),
            ],
            "relations": [
                ("r1", "attribution", "a2", "a1"), ("r2", "attribution", "a3", "a4"),
                ("r3", "attribution", "a5", "a6"), ("r4", "attribution", "a8", "a7"),
                ("r5", "rebuts", "a8", "a5"), ("r6", "attribution", "a9", "a7"),
                ("r7", "attribution", "a11", "a10"), ("r8", "attribution", "a12", "a13"),
            ],
            "status": "done",
        },
        # ben: only the second part of the interrupted quote (boundary), "simply false" as a
        # rebuttal (label), the indirect quote at the end not marked (missing), the rebuttal not
        # linked to the claim (link).
        "ben": {
            "annotations": [
                ("a1", "speaker", ["Senator Maria Alvarez"], {}),
                ("a2", "quote", ["\"puts millions of users at risk\""], {"form": "direct"}),
                ("a3", "quote", ["\"was negotiated behind closed doors and nobody read the fine print.\""], {"form": "direct"}),
                ("a4", "speaker", [("Alvarez", 1)], {}),
                ("a5", "claim", ["the agreement allows foreign agencies to request user data without a warrant"], {}),
                ("a6", "speaker", ["Tom Reilly"], {}),
                ("a7", "rebuttal", ["every request still required a court order"], {}),
                ("a8", "rebuttal", ["\"simply false\""], {}),
                ("a9", "speaker", ["@opennet.bsky.social"], {}),
                ("a10", "quote", ["We read all 212 pages. The warrant clause is on page 87 – look it up 📄👀"], {"form": "direct"}),
            ],
            "relations": [
                ("r1", "attribution", "a2", "a1"), ("r2", "attribution", "a3", "a4"),
                ("r3", "attribution", "a7", "a6"), ("r4", "attribution", "a8", "a6"),
                ("r5", "attribution", "a10", "a9"),
            ],
            "status": "done",
        },
    },
    "nordkasse-datenleck": {
        "anna": {
            "annotations": [
                ("a1", "speaker", ["Vorstandschef Rene\u0301 Albers"], {}),
                ("a2", "quote", ["„bedauerlichen Einzelfall“"], {"form": "direct"}),
                ("a3", "claim", ["Betroffen seien weniger als 500 Versicherte"], {"stance": "reported"}),
                ("a4", "speaker", ["Vereins Digitale Freiheit"], {}),
                ("a5", "rebuttal", ["mindestens 40.000 Datensätze im Netz aufgetaucht"], {"stance": "corrects"}),
                ("a6", "quote", ["„Von einem Einzelfall kann keine Rede sein“"], {"form": "direct"}),
                ("a7", "speaker", ["Aylin Demir"], {}),
                ("a8", "quote", ["alle Betroffenen bis Ende des Monats schriftlich zu informieren"], {"form": "indirect"}),
                ("a9", "speaker", [("Albers", 1)], {}),
            ],
            "relations": [
                ("r1", "attribution", "a2", "a1"), ("r2", "attribution", "a3", "a1"),
                ("r3", "attribution", "a5", "a4"), ("r4", "rebuts", "a5", "a3"),
                ("r5", "attribution", "a6", "a7"), ("r6", "attribution", "a8", "a9"),
            ],
            "status": "done",
        },
        # ben is halfway: the speaker without the title (boundary), the rest not yet done.
        "ben": {
            "annotations": [
                ("a1", "speaker", ["Rene\u0301 Albers"], {}),
                ("a2", "quote", ["„bedauerlichen Einzelfall“"], {"form": "direct"}),
                ("a3", "claim", ["Betroffen seien weniger als 500 Versicherte"], {}),
                ("a4", "speaker", ["Vereins Digitale Freiheit"], {}),
                ("a5", "rebuttal", ["Datenschützer widersprechen: Nach Recherchen des Vereins Digitale Freiheit sind mindestens 40.000 Datensätze im Netz aufgetaucht"], {}),
            ],
            "relations": [
                ("r1", "attribution", "a2", "a1"), ("r2", "rebuts", "a5", "a3"),
            ],
            "status": "in progress",
        },
    },
}


def build():
    lines = []
    for article in ARTICLES:
        text = article["text"]
        annotations, relations, status = [], [], {}
        for annotator, layer in LAYERS[article["id"]].items():
            for ann_id, label, needles, attributes in layer["annotations"]:
                fragments = []
                for needle in needles:
                    needle, nth = needle if isinstance(needle, tuple) else (needle, 0)
                    fragments.append(span(text, needle, nth))
                fragments.sort()
                covered = " ".join(text[s:e] for s, e in fragments)
                annotations.append({
                    "id": ann_id, "annotator": annotator, "label": label, "fragments": fragments,
                    "text": covered, "attributes": attributes, "note": "",
                })
            for rel_id, kind, source, target in layer["relations"]:
                relations.append({"id": rel_id, "annotator": annotator, "type": kind, "from": source, "to": target})
            status[annotator] = layer["status"]
        record = {
            "id": article["id"], "title": article["title"], "text": text,
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "offsets": "codepoint",
            "meta": article["meta"], "annotations": annotations, "relations": relations, "status": status,
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    out = pathlib.Path(__file__).with_name("demo.jsonl")
    out.write_text(build(), encoding="utf-8", newline="")
    print(f"wrote {out}")
