"""Benchmark of capacity building: a needs round answered by 500 organisations × 30 questions, aggregated into the
topics × regions matrix; a workshop's report with its donor sentence; and their public pages. In a throwaway
SQLite database; prints median and 95th percentile in milliseconds. Run with `make bench`."""

import datetime
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import start, timed  # noqa: E402

WORK = start("trainings")

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone, translation

from coalition.models import Region
from members.models import Organisation
from trainings import selectors
from trainings.models import Answer, Option, Question, Questionnaire, Response, Round, Workshop

ORGANISATIONS, QUESTIONS, REPEAT = 500, 30, 50
TOPICS = ["advocacy", "project-management", "fundraising", "financial-management", "media", "gender"]


def build() -> Round:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", credentials=f"{WORK}/credentials.json", stdout=open(os.devnull, "w"))
    regions = list(Region.objects.all())
    Organisation.objects.bulk_create(
        [
            Organisation(
                slug=f"bench-{i}",
                name_en=f"Bench Organisation {i}",
                status=Organisation.Status.MEMBER,
                region=regions[i % len(regions)],
            )
            for i in range(ORGANISATIONS)
        ],
        batch_size=500,
    )
    questionnaire = Questionnaire.objects.create(slug="bench", title_en="Bench questionnaire")
    kinds = ["multiple"] * 10 + ["single"] * 10 + ["scale"] * 5 + ["text"] * 5
    for n, kind in enumerate(kinds):
        question = Question.objects.create(
            questionnaire=questionnaire, order=n, code=f"q{n}", kind=kind, text_en=f"Question {n}", allow_other=True
        )
        if kind in ("single", "multiple"):
            for i, topic in enumerate(TOPICS):
                Option.objects.create(question=question, order=i, code=f"o{i}", topic=topic, label_en=topic)
    now = timezone.now()
    training_round = Round.objects.create(
        slug="bench-round",
        questionnaire=questionnaire,
        title_en="Bench round",
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now - datetime.timedelta(days=1),
    )
    training_round.regions.set(regions)
    Response.objects.bulk_create(
        [
            Response(round=training_round, organisation=o)
            for o in Organisation.objects.filter(slug__startswith="bench-")
        ],
        batch_size=500,
    )
    rng = random.Random(15)
    questions = list(questionnaire.questions.prefetch_related("options"))
    rows = []
    for response in training_round.responses.all():
        for q in questions:
            options = list(q.options.all())
            if q.kind == "multiple":
                rows += [Answer(response=response, question=q, option=o) for o in rng.sample(options, 3)]
            elif q.kind == "single":
                rows.append(Answer(response=response, question=q, option=rng.choice(options)))
            elif q.kind == "scale":
                rows.append(Answer(response=response, question=q, number=rng.randint(1, 5)))
            else:
                rows.append(Answer(response=response, question=q, text="Some words"))
    Answer.objects.bulk_create(rows, batch_size=2000)
    return training_round


def queries(fn) -> int:
    executed = []
    with connection.execute_wrapper(lambda execute, sql, *args: executed.append(sql) or execute(sql, *args)):
        fn()
    return len(executed)


def main():
    print(f"Building a round of {ORGANISATIONS} organisations × {QUESTIONS} questions in {WORK} ...")
    training_round = build()
    print(f"{Answer.objects.count():,} answer rows.")
    workshop = Workshop.objects.filter(slug="aso-advocacy-hajin")
    client = Client(HTTP_HOST="127.0.0.1")
    with translation.override("ar"):
        cases = [
            ("needs matrix, 500 organisations × 30 questions", lambda: selectors.needs_matrix(training_round)),
            (
                "needs matrix made public (suppressed)",
                lambda: selectors.needs_matrix(training_round).public(),
            ),
            (
                "workshop report + donor sentence",
                lambda: selectors.donor_sentence(selectors.report(workshop)),
            ),
            ("public needs page (ar)", lambda: client.get("/ar/trainings/needs/bench-round/")),
            ("public workshop page (ar)", lambda: client.get("/ar/trainings/workshops/aso-advocacy-hajin/")),
        ]
        print(f"\n{'what':48} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for label, fn in cases:
            median, p95 = timed(fn, REPEAT)
            print(f"{label:48} {median:10.1f} {p95:8.1f} {queries(fn):8}")
    print("\nTargets (issue 15): the round aggregated under 100 ms median; a workshop report under 50 ms.")


if __name__ == "__main__":
    main()
