"""The demo of capacity building, from seed 004: the working group's training-needs questionnaire, whose answers
chose "community mobilisation and advocacy methods"; ASO's two 3-day workshops in Hajin and Al-Kasra within the
project "Enhancing Participatory Democracy in Northeastern Syria" (phase 3, supported by Norwegian People's Aid);
the two trainers the seed names (their names are public in it); 23 trainees, 8 from Al-Kasra and 15 from Hajin,
and their certificates. One round is open, unanswered by Astefir so that its admins and editors see the reminder.

The seed gives neither dates nor the trainees: the dates, the answers and the trainees (names ending "(demo)",
genders, ages, organisations, attendance) are demo assumptions, marked illustrative on the pages. The persona
astefir_editor assists the Hajin workshop with an account, so the attendance pages can be walked."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.text import normalise
from places.models import Place
from projects import services as project_services
from projects.models import Partner, Project
from trainings.models import (
    Answer,
    Attendance,
    Certificate,
    InvitedOrganisation,
    Option,
    Question,
    Questionnaire,
    Response,
    Round,
    Trainee,
    Trainer,
    Workshop,
    WorkshopDay,
)

HAJIN, KASRA = "SY090201", "SY090101"
PROJECT_TITLE = "Enhancing Participatory Democracy in Northeastern Syria (phase 3)"

# code: (kind, text_en, text_ar, allow_other, [(option code, topic, en, ar)])
QUESTIONS = {
    "topics": (
        "multiple",
        "Which training would help your organisation most this year? Choose up to three.",
        "ما التدريبات التي تفيد منظمتك أكثر هذا العام؟ اختر حتى ثلاثة.",
        True,
        [
            ("advocacy", "advocacy", "Community mobilisation and advocacy methods", "أساليب الحشد المجتمعي والمناصرة"),
            ("project-management", "project-management", "Project management", "إدارة المشاريع"),
            ("fundraising", "fundraising", "Fundraising and proposal writing", "جمع التمويل وكتابة المقترحات"),
            ("financial", "financial-management", "Financial management", "الإدارة المالية"),
            ("media", "media", "Media and social media", "الإعلام ووسائل التواصل الاجتماعي"),
            ("gender", "gender", "Gender mainstreaming", "تعميم منظور النوع الاجتماعي"),
        ],
    ),
    "format": (
        "single",
        "Which form of training suits your staff best?",
        "ما شكل التدريب الأنسب لفريق منظمتك؟",
        False,
        [
            ("workshop", "", "A workshop of several days", "ورشة عمل لعدة أيام"),
            ("online", "", "Online sessions", "جلسات عبر الإنترنت"),
            ("coaching", "", "Coaching at our office", "مرافقة في مكتبنا"),
        ],
    ),
    "experience": (
        "scale",
        "How much experience does your organisation have in advocacy?",
        "ما مدى خبرة منظمتك في المناصرة؟",
        False,
        [],
    ),
    "more": ("text", "Anything else the working group should know?", "هل هناك ما يجب أن يعرفه فريق العمل؟", False, []),
}

# The closed round's answers (demo): organisation -> (topics, format, experience 1-5).
ANSWERS = {
    "astefir-al-zour": (["advocacy", "fundraising"], "workshop", 2),
    "deirna": (["advocacy", "media"], "workshop", 2),
    "insaaf": (["advocacy", "project-management"], "workshop", 1),
    "bedaya": (["advocacy", "financial"], "coaching", 2),
    "for-them": (["advocacy", "media", "gender"], "workshop", 3),
    "tayif": (["project-management", "fundraising"], "online", 3),
    "hope-restoration": (["advocacy", "fundraising"], "workshop", 2),
    "ella": (["advocacy", "gender"], "workshop", 2),
    "ashtar": (["advocacy", "project-management"], "coaching", 3),
    "seeds-of-peace": (["fundraising", "media"], "online", 4),
    "zamen": (["advocacy", "financial"], "workshop", 4),
    "eternity": (["gender", "advocacy"], "workshop", 3),
}
# The open round: these have answered already; Astefir has not.
OPEN_ANSWERED = ["deirna", "insaaf", "ella", "tayif"]

# The trainees (fictional): (name, organisation, gender, age band, language of the certificate, days attended)
TRAINEES = {
    KASRA: [
        ("Salma Example (demo)", "astefir-al-zour", "woman", "25-34", "ar", 3),
        ("Ahmad Example (demo)", "deirna", "man", "35-44", "ar", 3),
        ("Huda Example (demo)", "insaaf", "woman", "18-24", "ar", 3),
        ("Khalid Example (demo)", "bedaya", "man", "25-34", "ar", 3),
        ("Mahmoud Example (demo)", "astefir-al-zour", "man", "45-54", "ar", 2),
        ("Yusuf Example (demo)", "deirna", "man", "18-24", "ar", 3),
        ("Rana Example (demo)", "hope-restoration", "woman", "35-44", "en", 3),
        ("Omar Example (demo)", "insaaf", "man", "25-34", "ar", 3),
    ],
    HAJIN: [
        ("Fatima Example (demo)", "astefir-al-zour", "woman", "25-34", "ar", 3),
        ("Hassan Example (demo)", "deirna", "man", "35-44", "ar", 3),
        ("Layla Example (demo)", "bedaya", "woman", "18-24", "ar", 3),
        ("Ibrahim Example (demo)", "insaaf", "man", "25-34", "ar", 3),
        ("Mariam Example (demo)", "for-them", "woman", "25-34", "ar", 3),
        ("Ali Example (demo)", "ella", "man", "45-54", "ar", 3),
        ("Noor Example (demo)", "ashtar", "woman", "35-44", "ar", 3),
        ("Saeed Example (demo)", "zamen", "man", "25-34", "ku", 3),
        ("Zainab Example (demo)", "eternity", "woman", "18-24", "ar", 3),
        ("Mustafa Example (demo)", "tayif", "man", "55+", "ar", 1),
        ("Jamal Example (demo)", "hope-restoration", "man", "25-34", "ar", 3),
        ("Amal Example (demo)", "for-them", "woman", "35-44", "en", 3),
        ("Walid Example (demo)", "bedaya", "man", "18-24", "ar", 3),
        ("Hiba Example (demo)", "ella", "woman", "35-44", "ar", 3),
        ("Samir Example (demo)", "astefir-al-zour", "man", "25-34", "ar", 3),
    ],
}

WORKSHOPS = {
    KASRA: (
        "aso-advocacy-al-kasra",
        "Community mobilisation and advocacy methods — Al-Kasra",
        "أساليب الحشد المجتمعي والمناصرة — الكسرة",
        "2021-11-21",
        "Ali Iskan",
    ),
    HAJIN: (
        "aso-advocacy-hajin",
        "Community mobilisation and advocacy methods — Hajin",
        "أساليب الحشد المجتمعي والمناصرة — هجين",
        "2021-11-14",
        "Abdullah Obied",
    ),
}
AGENDA_EN = (
    "Methods and strategies of community mobilisation and lobbying.\n"
    "Networks, alliances, audiences; communication techniques, media campaigns and a sustainable media strategy.\n"
    "Funding basics, preliminary project management, strategic plans for campaigns and lobbying."
)
AGENDA_AR = (
    "أساليب واستراتيجيات الحشد المجتمعي وكسب التأييد.\n"
    "بناء الشبكات والتحالفات وكسب الجمهور؛ تقنيات التواصل والحملات الإعلامية واستراتيجية إعلامية مستدامة.\n"
    "أساسيات جلب التمويل، الإدارة الأولية للمشاريع، الخطط الاستراتيجية للحملات وكسب التأييد."
)


def _questionnaire(command) -> Questionnaire:
    questionnaire = command.upsert(
        Questionnaire,
        {"slug": "training-needs", "version": 1},
        {
            "title_en": "Training needs of the member organisations",
            "title_ar": "الاحتياجات التدريبية للمنظمات الأعضاء",
            "title_ku": "Hewcedariyên perwerdehiyê yên rêxistinên endam",
            "original_language": "ar",
        },
    )
    for order, (code, (kind, en, ar, other, options)) in enumerate(QUESTIONS.items(), start=1):
        question = command.upsert(
            Question,
            {"questionnaire": questionnaire, "code": code},
            {
                "order": order,
                "kind": kind,
                "text_en": en,
                "text_ar": ar,
                "allow_other": other,
                "required": kind != "text",
                "topic": "",
            },
        )
        for i, (ocode, topic, oen, oar) in enumerate(options, start=1):
            command.upsert(
                Option,
                {"question": question, "code": ocode},
                {"order": i, "topic": topic, "label_en": oen, "label_ar": oar},
            )
    return questionnaire


def _answer(response: Response, questionnaire: Questionnaire, topics, fmt, experience) -> None:
    questions = {q.code: q for q in questionnaire.questions.all()}
    options = {(o.question_id, o.code): o for o in Option.objects.filter(question__questionnaire=questionnaire)}
    rows = [
        Answer(response=response, question=questions["topics"], option=options[(questions["topics"].pk, t)])
        for t in topics
    ]
    rows.append(Answer(response=response, question=questions["format"], option=options[(questions["format"].pk, fmt)]))
    rows.append(Answer(response=response, question=questions["experience"], number=experience))
    Answer.objects.bulk_create(rows)


def _rounds(command, questionnaire, organisations, regions):
    closed = Round.objects.filter(slug="training-needs-2021").first()
    if closed is None:
        closed = Round.objects.create(
            slug="training-needs-2021",
            questionnaire=questionnaire,
            title_en="Training needs 2021",
            title_ar="الاحتياجات التدريبية 2021",
            original_language="ar",
            opens_at=datetime.datetime(2021, 9, 1, 6, tzinfo=datetime.UTC),
            closes_at=datetime.datetime(2021, 10, 1, 6, tzinfo=datetime.UTC),
        )
        closed.regions.set(regions.values())
        for slug, (topics, fmt, experience) in ANSWERS.items():
            response = Response.objects.create(
                round=closed, organisation=organisations[slug], submitted_at=closed.opens_at, updated_at=closed.opens_at
            )
            _answer(response, questionnaire, topics, fmt, experience)
        command.changes += 1
    if not Round.objects.filter(slug="training-needs-2026").exists():
        # Open from a week before the demo is built, for two months: the reminder shows whenever it is walked soon.
        now = timezone.now().replace(microsecond=0)
        current = Round.objects.create(
            slug="training-needs-2026",
            questionnaire=questionnaire,
            title_en="Training needs 2026",
            title_ar="الاحتياجات التدريبية 2026",
            original_language="ar",
            opens_at=now - datetime.timedelta(days=7),
            closes_at=now + datetime.timedelta(days=60),
        )
        current.regions.set(regions.values())
        for slug in OPEN_ANSWERED:
            topics, fmt, experience = ANSWERS[slug]
            response = Response.objects.create(round=current, organisation=organisations[slug])
            _answer(response, questionnaire, topics, fmt, experience)
        command.changes += 1
    return closed


def _project(command, organisations, places) -> Project:
    aso = organisations["aso-center"]
    project = Project.objects.filter(organisation=aso, title_en=PROJECT_TITLE).first()
    if project is None:
        tech = get_user_model().objects.get(email="tech@demo.civnet.invalid")
        project = project_services.project_save(
            actor=tech,
            organisation=aso,
            fields={
                "title_en": PROJECT_TITLE,
                "title_ar": "تعزيز الديمقراطية التشاركية في شمال شرق سوريا (المرحلة الثالثة)",
                "description_en": (
                    "Workshops and dialogue sessions that build the capacity of the NES NGO Platform's member "
                    "organisations, supported by Norwegian People's Aid (NPA)."
                ),
                "original_language": "en",
                "status": Project.Status.COMPLETED,
                "actual_start": datetime.date(2021, 7, 1),
                "actual_end": datetime.date(2021, 12, 31),
            },
            sectors=list(aso.sectors.filter(slug="governance")),
            places=[places[HAJIN], places[KASRA]],
            partners=[
                {"name": "Norwegian People's Aid (NPA)", "role": Partner.Role.FUNDING},
                {"name": aso.name_en, "role": Partner.Role.IMPLEMENTING},
            ],
        )
        project_services.project_submit(actor=tech, project=project)
        project_services.project_publish(actor=tech, project=project)
        command.changes += 1
    return project


def load(command, organisations, regions) -> None:
    places = {p.pcode: p for p in Place.objects.filter(pcode__in=[HAJIN, KASRA])}
    questionnaire = _questionnaire(command)
    closed = _rounds(command, questionnaire, organisations, regions)
    project = _project(command, organisations, places)
    editor = get_user_model().objects.get(email="editor@demo.civnet.invalid")
    for pcode, (slug, en, ar, start, trainer_name) in WORKSHOPS.items():
        workshop = command.upsert(
            Workshop,
            {"slug": slug},
            {
                "title_en": en,
                "title_ar": ar,
                "topic": "advocacy",
                "need_round": closed,
                "organiser_kind": Workshop.Organiser.MEMBER,
                "organiser_organisation": organisations["aso-center"],
                "project": project,
                "venue": places[pcode],
                "agenda_en": AGENDA_EN,
                "agenda_ar": AGENDA_AR,
                "original_language": "en",
            },
        )
        first = datetime.date.fromisoformat(start)
        days = [
            command.upsert(WorkshopDay, {"workshop": workshop, "date": first + datetime.timedelta(days=i)}, {})
            for i in range(3)
        ]
        command.upsert(Trainer, {"workshop": workshop, "name": trainer_name}, {"show_name_publicly": True})
        if pcode == HAJIN:
            command.upsert(
                Trainer,
                {"workshop": workshop, "name": "Nour Example (demo)"},
                {"user": editor, "organisation": organisations["astefir-al-zour"], "show_name_publicly": False},
            )
        seats: dict[str, int] = {}
        for name, org, gender, age, lang, attended in TRAINEES[pcode]:
            seats[org] = seats.get(org, 0) + 1
            trainee = command.upsert(
                Trainee,
                {"workshop": workshop, "name": name},
                {
                    "name_key": normalise(name),
                    "organisation": organisations[org],
                    "gender": gender,
                    "age_band": age,
                    "town": places[pcode],
                    "language": lang,
                },
            )
            for day in days[:attended]:
                command.upsert(Attendance, {"trainee": trainee, "day": day}, {})
            if attended == len(days) and not Certificate.objects.filter(trainee=trainee).exists():
                Certificate.objects.create(
                    trainee=trainee,
                    issued_at=timezone.make_aware(datetime.datetime.combine(days[-1].date, datetime.time(15))),
                )
                command.changes += 1
        for org, n in seats.items():
            command.upsert(
                InvitedOrganisation, {"workshop": workshop, "organisation": organisations[org]}, {"seats": n}
            )
