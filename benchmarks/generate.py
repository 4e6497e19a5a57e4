"""Generate a realistic archive for benchmarks: a `papers/` tree of N papers in Kazakh, Russian and
English that passes `python -m build_tools validate`.

    python benchmarks/generate.py OUT --papers 1000 --seed 1

OUT is the papers folder to create (it must be empty or absent, and outside the repository).
The same seed gives a byte-identical tree. Each paper has 2,000 to 3,000 words of body text with
headings, paragraphs and now and then a list; 10 to 20 references; 1 to 3 authors and a supervisor
drawn from one pool of people (written to people.yml with Cyrillic and, for most, Latin spellings);
UDC codes from the main tables of the UDC Summary; volumes of about 200 papers.

The text is drawn from per-language word lists with inflected forms (Kazakh case and plural
suffixes chosen by vowel harmony, Russian case endings, English plurals and verb forms), with
function words far more frequent than content words, so that search indexes and page sizes
behave as they do on real text.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script: make build_tools importable
    sys.path.insert(0, str(REPO))

from build_tools.names import Name, slugify, transliterate  # noqa: E402
from build_tools.udc import DATA as UDC_TABLE  # noqa: E402

LANGUAGES = ("kk", "ru", "en")
LANGUAGE_WEIGHTS = (40, 35, 25)
PAPERS_PER_VOLUME = 200
FIRST_YEAR = 1990
LAST_YEAR = 2025


def _words(text: str) -> list[str]:
    return text.split()


# ---------------------------------------------------------------------------------------------
# Kazakh: stems with suffixes chosen by vowel harmony (back/front) and the final sound.

KK_NOUNS = _words("""
мемлекет саясат қатынас ынтымақтастық халық ел әлем бейбітшілік қауіпсіздік экономика даму
интеграция одақ келісім шарт ұйым үкімет министрлік дипломатия мәдениет білім ғылым тәуелсіздік
егемендік аймақ шекара сауда инвестиция энергетика мұнай газ көлік дәліз жоба бағдарлама стратегия
тұжырымдама мүдде серіктестік әріптес қоғам азамат құқық заң конституция реформа сайлау парламент
президент көшбасшы тарих дәстүр тіл ақпарат технология жаһандану қақтығыс дағдарыс соғыс келіссөз
ықпал бедел имидж бренд туризм диаспора өңір кеңістік жүйе құрылым институт форум саммит делегация
елші елшілік хатшылық бастама ұстаным бағыт көзқарас зерттеу талдау әдіс нәтиже қорытынды мақсат
міндет мәселе шешім ұсыныс тәжірибе үрдіс өзгеріс кезең ғасыр жыл уақыт орын рөл әсер мүмкіндік
қауіп тәуекел сын жауап негіз қағида құндылық бірлестік қауымдастық нарық өнім экспорт импорт
тауар қаржы банк валюта бюджет салық көші-қон еңбек жастар студент университет мектеп ғалым
""")
KK_PROPER = _words("""
Қазақстан Ресей Қытай Еуропа Америка Түркия Өзбекстан Ұлыбритания Германия Франция Жапония Үндістан
Иран Моңғолия Қырғызстан Тәжікстан Түрікменстан Әзірбайжан Астана Алматы Мәскеу Пекин Брюссель
""")
KK_WORDS = _words("""
және мен бұл осы сол бойынша арқылы үшін туралы сияқты ретінде арасындағы қазіргі халықаралық
саяси экономикалық мәдени стратегиялық маңызды негізгі жаңа көптеген барлық болып табылады береді
етеді жатыр керек мүмкін қажет алады жүргізілді қарастырылады атап өту ерекше сонымен қатар
алайда дегенмен себебі нәтижесінде тұрғысынан жағдайда ішінде кезеңде жылы жылдары бүгінгі
таңда біз олар оның олардың өз өзара әр түрлі бірқатар жалпы нақты белсенді тұрақты ұзақ
мерзімді өңірлік жаһандық ұлттық сыртқы ішкі екіжақты көпжақты ресми тиімді күрделі ықтимал
анықталды көрсетеді білдіреді қамтамасыз дамытуға арттыруға нығайтуға қолдайды ұсынады
талқыланды бекітілді қабылданды жасалды өткізілді айналды келді шықты кірді ие бола алмайды
емес де да ғана әлі тағы одан әрі кейін бұрын дейін соң бері қарай жөнінде байланысты
""")

KK_BACK = set("аоұыя")
KK_FRONT = set("әөүіеэ")
KK_VOWELS = set("аоұыяәөүіеэиую")
KK_VOICELESS = set("кқпстфхцчшщ")
KK_NASAL = set("мнң")


def _kk_front(stem: str) -> bool:
    for char in reversed(stem.lower()):
        if char in KK_BACK:
            return False
        if char in KK_FRONT:
            return True
    return False


def _kk_pick(front: bool, back_form: str, front_form: str) -> str:
    return front_form if front else back_form


def kazakh_forms(stem: str) -> list[str]:
    """The stem with plural, case and possessive suffixes, as Kazakh grammar joins them."""
    front = _kk_front(stem)
    last = stem[-1].lower()
    vowel, voiceless, nasal = last in KK_VOWELS, last in KK_VOICELESS, last in KK_NASAL
    a = _kk_pick(front, "а", "е")
    y = _kk_pick(front, "ы", "і")
    plural = ("л" if vowel or last in "рйу" else "т" if voiceless else "д") + a + "р"
    genitive = ("н" if vowel or nasal else "т" if voiceless else "д") + y + "ң"
    dative = (_kk_pick(front, "қ", "к") if voiceless else _kk_pick(front, "ғ", "г")) + a
    accusative = ("н" if vowel else "т" if voiceless else "д") + y
    locative = ("т" if voiceless else "д") + a
    ablative = ("н" if nasal else "т" if voiceless else "д") + a + "н"
    instrumental = "п" if voiceless else "б" if nasal or last in "зж" else "м"
    possessive = ("с" if vowel else "") + y
    forms = [stem + s for s in (plural, genitive, dative, accusative, locative, ablative)]
    forms.append(stem + instrumental + "ен")
    forms += [stem + possessive, stem + possessive + "н" + y + "ң", stem + possessive + "н" + a]
    forms.append(stem + possessive + "нд" + a)
    forms.append(stem + plural + "ы")
    forms.append(stem + plural + "д" + y + "ң")
    return [stem, *forms]


# ---------------------------------------------------------------------------------------------
# Russian: nouns and adjectives declined by a few regular paradigms.

RU_MASC = _words("""
процесс интерес союз договор конфликт диалог курс регион фактор институт форум саммит
механизм принцип подход аспект вектор кризис партнёр проект ресурс статус сектор транзит
потенциал баланс приоритет суверенитет лидер бренд туризм инструмент анализ результат
""")
RU_FEM_A = _words("""
политика страна экономика система дипломатия структура стратегия программа проблема граница
власть торговля безопасность культура сфера роль модель концепция организация доктрина задача
цель форма тенденция повестка инициатива платформа миграция диаспора держава
""")
RU_NEUT_O = _words("""
государство сотрудничество пространство общество соглашение партнёрство влияние развитие
отношение положение значение решение направление взаимодействие урегулирование лидерство
""")
RU_ADJ = _words("""
международн политическ экономическ культурн стратегическ региональн глобальн национальн
внешнеполитическ современн важн основн нов дипломатическ энергетическ
торгов гуманитарн информационн военн
""")
RU_PROPER = _words("""
Казахстан Россия Китай Европа Америка Турция Узбекистан Германия Франция Япония Индия Иран
Монголия Кыргызстан Таджикистан Туркменистан Азербайджан Астана Алматы Москва Пекин Брюссель
""")
RU_WORDS = _words("""
и в на с по для что как это не а также к из о при между его их её который которая которые
этого этой так более наиболее всех был была были будет может могут только уже однако поэтому
кроме того является являются определяет определяют определил развивается развивались
способствует способствуют представляет представляют позволяет обеспечивает остаётся становится
можно необходимо следует отметить рассмотреть проанализировать настоящее время рамках целью
счёт ряд ряда других другие другой своей своих свою данный данной данного именно особенно
существенно значительно активно постоянно последние годы году лет стороны сторон том числе
""")


def russian_forms(word: str, kind: str) -> list[str]:
    """A Russian noun or adjective in its common case forms."""
    if kind == "masc":
        return [word + e for e in ("", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах")]
    if kind == "neut":
        if word.endswith("ие"):
            stem = word[:-2]
            return [stem + e for e in ("ие", "ия", "ию", "ием", "ии", "ий", "иям", "иями", "иях")]
        stem = word[:-1]
        return [stem + e for e in ("о", "а", "у", "ом", "е", "ам", "ами", "ах")]
    if kind == "fem":
        if word.endswith("ия"):
            stem = word[:-2]
            return [stem + e for e in ("ия", "ии", "ию", "ией", "ий", "иям", "иями", "иях")]
        if word.endswith("ь"):
            stem = word[:-1]
            return [stem + e for e in ("ь", "и", "ью", "ей", "ям", "ями", "ях")]
        stem = word[:-1]
        soft = stem[-1] in "кгхжшчщ"
        hushing = stem[-1] in "жшчщц"  # задачей, границей: unstressed о after these is written е
        endings = ("а", "и" if soft else "ы", "е", "у", "ей" if hushing else "ой", "ам", "ами", "ах")
        return [stem + e for e in endings]
    # adjective stem; after к, г, х, ж, ш, ч, щ Russian spelling writes и for ы
    i = "и" if word[-1] in "кгхжшчщ" else "ы"
    adjective = (i + "й", "ая", "ое", i + "е", "ого", "ому", "ой", "ую", i + "х", i + "м", i + "ми", "ом")
    return [word + e for e in adjective]


# ---------------------------------------------------------------------------------------------
# English: nouns with plurals and possessives, verbs with their forms.

EN_NOUNS = _words("""
state policy relation country economy system diplomacy structure strategy programme problem border
power trade security culture sphere role model concept organisation doctrine task goal form trend
agenda initiative platform migration diaspora process interest union treaty conflict dialogue region
factor institution summit mechanism principle approach aspect crisis partner project resource status
sector transit potential balance priority sovereignty leader image brand tourism instrument analysis
result cooperation society agreement partnership influence development position decision direction
interaction settlement leadership integration investment market government ministry parliament
""")
EN_VERBS = _words("""
develop determine represent provide remain become allow ensure strengthen promote define consider
analyse examine support increase reduce shape influence affect create establish maintain improve
""")
EN_PROPER = _words("""
Kazakhstan Russia China Europe America Turkey Uzbekistan Germany France Japan India Iran Mongolia
Kyrgyzstan Tajikistan Turkmenistan Azerbaijan Astana Almaty Moscow Beijing Brussels
""")
EN_WORDS = _words("""
the of and to in a is that for on as with by this are be it which from or an at its their has
have was were not also can may such between within both more most other these those however
therefore thus while whereas because since during after before international political economic
cultural strategic regional global national foreign bilateral multilateral modern important main
new diplomatic energy humanitarian military soft public long term recent current significant
""")


def english_noun_forms(noun: str) -> list[str]:
    if noun.endswith("y") and noun[-2] not in "aeiou":
        plural = noun[:-1] + "ies"
    elif noun.endswith(("s", "x", "sh", "ch")):
        plural = noun + "es"
    else:
        plural = noun + "s"
    return [noun, plural, noun + "'s"]


def english_verb_forms(verb: str) -> list[str]:
    base = verb[:-1] if verb.endswith("e") else verb
    third = verb + ("es" if verb.endswith(("s", "sh", "ch")) else "s")
    return [verb, third, base + "ed", base + "ing"]


@dataclass(frozen=True)
class Vocabulary:
    """The words of one language: frequent function words, content words, proper nouns."""

    function: tuple[str, ...]
    content: tuple[str, ...]
    proper: tuple[str, ...]
    quotes: tuple[str, str]
    headings: tuple[str, ...]
    references_heading: str


def _vocabularies() -> dict[str, Vocabulary]:
    kk_content = [form for stem in KK_NOUNS for form in kazakh_forms(stem)]
    kk_content += [form for stem in KK_PROPER for form in kazakh_forms(stem)[:8]]
    ru_content = [f for w in RU_MASC for f in russian_forms(w, "masc")]
    ru_content += [f for w in RU_FEM_A for f in russian_forms(w, "fem")]
    ru_content += [f for w in RU_NEUT_O for f in russian_forms(w, "neut")]
    ru_content += [f for w in RU_ADJ for f in russian_forms(w, "adj")]
    en_content = [f for w in EN_NOUNS for f in english_noun_forms(w)]
    en_content += [f for w in EN_VERBS for f in english_verb_forms(w)]
    return {
        "kk": Vocabulary(
            tuple(KK_WORDS),
            tuple(kk_content),
            tuple(KK_PROPER),
            ("«", "»"),
            ("Кіріспе", "Зерттеу әдістері", "Негізгі бөлім", "Талдау нәтижелері", "Талқылау", "Қорытынды"),
            "Пайдаланылған әдебиеттер",
        ),
        "ru": Vocabulary(
            tuple(RU_WORDS),
            tuple(ru_content),
            tuple(RU_PROPER),
            ("«", "»"),
            ("Введение", "Методы исследования", "Основная часть", "Результаты анализа", "Обсуждение", "Заключение"),
            "Список литературы",
        ),
        "en": Vocabulary(
            tuple(EN_WORDS),
            tuple(en_content),
            tuple(EN_PROPER),
            ("\u201c", "\u201d"),
            ("Introduction", "Methods", "Main part", "Results of the analysis", "Discussion", "Conclusion"),
            "References",
        ),
    }


VOCABULARIES = _vocabularies()


class TextWriter:
    """Draws words for one paper: function words by a Zipf law, content words with a bias
    towards the paper's own topic words (so papers differ the way real ones do)."""

    # Shares of the text: function words, content words, the paper's topic words, proper nouns.
    SHARES = (45.0, 38.0, 14.0, 3.0)

    def __init__(self, rng: random.Random, language: str) -> None:
        self.rng = rng
        self.vocabulary = vocabulary = VOCABULARIES[language]
        self.language = language
        self.topic = rng.sample(vocabulary.content, 24)
        # One population and one cumulative weight table, so a sentence is one `choices` call.
        zipf = [1.0 / (rank + 1) for rank in range(len(vocabulary.function))]
        groups = [
            (vocabulary.function, [self.SHARES[0] * w / sum(zipf) for w in zipf]),
            (vocabulary.content, [self.SHARES[1] / len(vocabulary.content)] * len(vocabulary.content)),
            (tuple(self.topic), [self.SHARES[2] / len(self.topic)] * len(self.topic)),
            (vocabulary.proper, [self.SHARES[3] / len(vocabulary.proper)] * len(vocabulary.proper)),
        ]
        self.population = [word for words, _ in groups for word in words]
        self.cumulative = list(itertools.accumulate(w for _, weights in groups for w in weights))

    def words(self, count: int) -> list[str]:
        return self.rng.choices(self.population, cum_weights=self.cumulative, k=count)

    def sentence(self, count: int, citations: int) -> str:
        words = self.words(count)
        words[0] = words[0][:1].upper() + words[0][1:]
        rng = self.rng
        if count > 8 and rng.random() < 0.5:
            words[rng.randrange(3, count - 2)] += ","
        if count > 5 and rng.random() < 0.12:
            start = rng.randrange(1, count - 2)
            opening, closing = self.vocabulary.quotes
            words[start] = opening + words[start]
            words[start + 1] = words[start + 1] + closing
        text = " ".join(words)
        if citations and rng.random() < 0.2:
            text += f" [{rng.randint(1, citations)}]"
        return text + "."

    def title(self) -> str:
        words = self.words(self.rng.randint(5, 10))
        return words[0][:1].upper() + " ".join(words)[1:]


def body(writer: TextWriter, target: int, citations: int) -> str:
    """Markdown with exactly `target` words: paragraphs, headings and now and then a list."""
    rng = writer.rng
    blocks: list[str] = []
    left = target
    headings = list(writer.vocabulary.headings[1:])  # the first paragraphs are the introduction
    since_heading = 0
    while left > 0:
        last = len(headings) == 1
        due = since_heading >= rng.randint(3, 6) if not last else left < 350
        if blocks and headings and due and left > 60:
            heading = headings.pop(0)
            blocks.append("## " + heading)
            left -= len(heading.split())
            since_heading = 0
            continue
        if blocks and rng.random() < 0.12 and left > 40:
            items = []
            for _ in range(rng.randint(3, 6)):
                n = min(rng.randint(3, 9), left)
                if n <= 0:
                    break
                items.append("- " + " ".join(writer.words(n)) + ";")
                left -= n
            blocks.append("\n".join(items))
            continue
        sentences = []
        for _ in range(rng.randint(3, 7)):
            n = min(rng.randint(6, 24), left)
            if n <= 0:
                break
            sentences.append(writer.sentence(n, citations))
            left -= n
        blocks.append(" ".join(sentences))
        since_heading += 1
    return "\n\n".join(blocks) + "\n"


WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def count_words(text: str) -> int:
    """Words as the generator counts them: runs of letters, joined by a hyphen or an apostrophe."""
    return len(WORD.findall(text))


# ---------------------------------------------------------------------------------------------
# People

KK_SURNAME_ROOTS = _words("""
Ерғали Дауылбай Ахмедьян Әбілқайыр Нұрлан Жұмабай Сейіт Тоқтар Бекмұхамед Қасым Сәрсен Омар Әлі
Мұхтар Ермек Бейбіт Серік Асқар Болат Ғабит Дәулет Нұрсұлтан Қайрат Марат Талғат Ержан Бақыт
Абылай Кенжебай Төлеген Оспан Мақаш Сұлтанбек Жақсыбай Есім Бөкей Құнанбай Шәкәрім Ыбырай Ахмет
Міржақып Әлихан Мағжан Сәкен Ілияс Бейімбет Мұқағали Жамбыл Абай Шоқан Құрманғазы Дина Тәттімбет
Қожахмет Әуезов Мүсірепов Сейфуллин Жансүгір Майлин Байтұрсын Дулат Жүсіп Қорқыт Әйтеке Төле
Қазыбек Бұқар Бөгенбай Қабанбай Наурызбай Райымбек Исатай Махамбет Кенесары Сырым Жәңгір
Ұзақ Үмбетей Өтеміс Көбей Әмір Һаким Іскак Ілеу Ғали Қали Зейнолла Шәймерден Тұрар Смағұл
""")
RU_SURNAMES = _words("""
Иван Петр Сидор Смирн Кузнецов Попов Васильев Соколов Михайлов Новиков Федоров Морозов Волков
Алексеев Лебедев Семенов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин
Захаров Зайцев Соловьев Борисов Яковлев Григорьев Романов Воробьев Сергеев Кузьмин Фролов
Александров Дмитриев Королев Гусев Киселев Ильин Максимов Поляков Сорокин Виноградов Ковалев
Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов
""")
KK_MALE = _words("Айбек Арман Нұрлан Ерлан Дәурен Бауыржан Асхат Ғалым Қанат Мейірман Нұрбол Әділет Ілияс Үміт")
KK_FEMALE = _words("Айша Әсел Гүлнар Жанар Меруерт Ұлжан Әйгерім Дана Ақмарал Сәуле Іңкәр Өркен Аружан Гүлім")
RU_MALE = _words("Сергей Андрей Дмитрий Алексей Михаил Иван Николай Павел Егор Артём Владимир Олег")
RU_FEMALE = _words("Анна Елена Мария Ольга Наталья Татьяна Ирина Светлана Екатерина Юлия Дарья Ксения")
RU_PATRONYMIC_M = _words("Сергеевич Андреевич Петрович Иванович Николаевич Павлович Олегович")
RU_PATRONYMIC_F = _words("Сергеевна Андреевна Петровна Ивановна Николаевна Павловна Олеговна")

STATUSES = {
    "kk": ("1-курс студенті", "2-курс студенті", "3-курс студенті", "4-курс студенті", "магистрант", "PhD докторант"),
    "ru": ("студент 2 курса", "студентка 3 курса", "студент 4 курса", "магистрант", "докторант PhD"),
    "en": ("Bachelor's student", "Master's student", "PhD student", "2nd year student"),
}
DEGREES = (
    "к.и.н., доцент",
    "к.полит.н., доцент",
    "д.и.н., профессор",
    "PhD",
    "т.ғ.к., доцент",
    "PhD, associate professor",
)
AFFILIATIONS = {
    "kk": (
        "Л.Н. Гумилев атындағы Еуразия ұлттық университеті",
        "Әл-Фараби атындағы Қазақ ұлттық университеті",
        "Абылай хан атындағы Қазақ халықаралық қатынастар және әлем тілдері университеті",
    ),
    "ru": (
        "Евразийский национальный университет им. Л.Н. Гумилева",
        "Казахский национальный университет им. аль-Фараби",
        "Карагандинский университет им. Е.А. Букетова",
    ),
    "en": (
        "L.N. Gumilyov Eurasian National University",
        "Al-Farabi Kazakh National University",
        "KIMEP University",
    ),
}


def latin_spelling(text: str, rng: random.Random) -> str:
    """A Latin spelling as a passport or the person would write it: the archive's
    transliteration, sometimes with the common `ye`/`iy` variants."""
    latin = transliterate(text)
    if rng.random() < 0.4:
        latin = re.sub(r"\bE", "Ye", latin)
        latin = latin.replace("iev", "iyev").replace("aly", "aliy")
    return latin


@dataclass
class Person:
    id: str
    cyrillic: str
    short: str
    latin: str | None
    latin_short: str | None
    orcid: str | None
    not_same_as: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [n for n in (self.cyrillic, self.short, self.latin, self.latin_short) if n]


def _orcid(rng: random.Random) -> str:
    digits = "000" + "".join(str(rng.randrange(10)) for _ in range(12))
    total = 0
    for char in digits:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    full = digits + ("X" if check == 10 else str(check))
    return "-".join(full[i : i + 4] for i in range(0, 16, 4))


def make_person(rng: random.Random) -> tuple[str, str, str]:
    """(full Cyrillic name, short form `Surname A.B.`, gender)."""
    female = rng.random() < 0.55
    if rng.random() < 0.65:
        root = rng.choice(KK_SURNAME_ROOTS)
        if root.endswith(("ов", "ев", "ин")):
            surname = root + ("а" if female else "")
        elif rng.random() < 0.15:
            surname = root
        else:
            stem = root[:-1] if root.endswith("й") else root  # Дауылбай -> Дауылбаев
            suffix = "ев" if root[-1] in "йіеәи" else "ов"
            surname = stem + suffix + ("а" if female else "")
        given = rng.choice(KK_FEMALE if female else KK_MALE)
        father = rng.choice(KK_MALE)
        patronymic = father + ("қызы" if female else "ұлы")
    else:
        root = rng.choice(RU_SURNAMES)
        base = root if root.endswith(("ов", "ев", "ин")) else root + "ов"
        surname = base + ("а" if female else "")
        given = rng.choice(RU_FEMALE if female else RU_MALE)
        patronymic = rng.choice(RU_PATRONYMIC_F if female else RU_PATRONYMIC_M)
    full = f"{surname} {given} {patronymic}" if rng.random() < 0.6 else f"{surname} {given}"
    short = f"{surname} {given[0]}.{patronymic[0]}."
    return full, short, "f" if female else "m"


class People:
    """The shared pool: students (authors) and staff (supervisors, editors), with the registry
    entries that keep spellings unambiguous and mark namesakes as different people."""

    def __init__(self, rng: random.Random, students: int, staff: int) -> None:
        self.rng = rng
        self.people: list[Person] = []
        self.ids: set[str] = set()
        self.by_sound: dict[str, list[tuple[Person, tuple[str, ...]]]] = {}
        self.spellings: dict[str, list[str]] = {}
        self.students = [self._add(rng.random() < 0.7) for _ in range(students)]
        self.staff = [self._add(True) for _ in range(staff)]

    def _add(self, with_latin: bool) -> Person:
        rng = self.rng
        full, short, _ = make_person(rng)
        base = slugify(short)
        pid, n = base, 2
        while pid in self.ids:
            pid, n = f"{base}-{n}", n + 1
        self.ids.add(pid)
        latin = latin_spelling(full, rng) if with_latin else None
        latin_short = None
        if latin is not None:
            parsed = Name.parse(latin)
            latin = f"{parsed.surname} {parsed.given[0]}"
            latin_short = f"{parsed.surname} " + "".join(
                f"{part[0]}." for part in Name.parse(transliterate(full)).given
            )
        person = Person(pid, full, short, latin, latin_short, _orcid(rng) if rng.random() < 0.1 else None)
        # The registry warns about two people whose surnames sound alike and whose initials agree;
        # a real registry marks such namesakes with not_same_as, and so does this one.
        for name in map(Name.parse, person.names):
            surname, initials = name.sound()
            for other, other_initials in self.by_sound.get(surname, []):
                n = min(len(initials), len(other_initials))
                if initials[:n] == other_initials[:n] and other.id not in person.not_same_as and other is not person:
                    person.not_same_as.append(other.id)
        for name in map(Name.parse, person.names):
            surname, initials = name.sound()
            self.by_sound.setdefault(surname, []).append((person, initials))
            holders = self.spellings.setdefault(name.key(), [])
            if pid not in holders:
                holders.append(pid)
        self.people.append(person)
        return person

    def ambiguous(self, person: Person, *spellings: str | None) -> bool:
        """Whether the paper must name the person's id: a printed spelling is shared by several
        people, or the printing has initials only and a namesake's name is alike."""
        names = [Name.parse(s) for s in spellings if s is not None]
        if any(len(self.spellings[name.key()]) > 1 for name in names):
            return True
        if not all(len(part) <= 2 for name in names for part in name.given):
            return False
        surname, initials = names[0].sound()
        return any(
            other is not person and initials[: len(o)] == o[: len(initials)]
            for other, o in self.by_sound.get(surname, [])
        )

    def registry(self) -> dict[str, object]:
        entries: list[dict[str, object]] = []
        for person in self.people:
            entry: dict[str, object] = {"id": person.id, "names": person.names}
            if person.orcid:
                entry["orcid"] = person.orcid
            if person.not_same_as:
                entry["not_same_as"] = person.not_same_as
            entries.append(entry)
        return {"people": entries}


# ---------------------------------------------------------------------------------------------
# Classification, references, volumes

MAIN_CODE = re.compile(r"^(\d{3}(\.\d{3})*\.\d{1,3}|\d{1,3})$")
PLACES = ("(574)", "(470)", "(510)", "(4)", "(73)", "(5-191.2)")


def udc_codes() -> tuple[list[str], list[str]]:
    """Main-table codes of the Summary: those in class 3 (social sciences), and all others."""
    social: list[str] = []
    other: list[str] = []
    for line in UDC_TABLE.read_text(encoding="utf-8").splitlines()[1:]:
        code = line.split("\t", 1)[0]
        if MAIN_CODE.match(code):
            (social if code.startswith("3") else other).append(code)
    return social, other


REF_SURNAMES_CYR = _words("Назарбаев Токаев Сыроежкин Лаумулин Султанов Малинин Байзакова Торкунов Лебедева Богатуров")
REF_SURNAMES_LAT = _words("Nye Keohane Waltz Mearsheimer Anholt Cooley Laruelle Huntington Wendt Buzan Olcott")
CITIES = {"kk": ("Алматы", "Астана", "Қарағанды"), "ru": ("Москва", "Алматы", "Астана"), "en": ("London", "New York")}
PUBLISHERS = {"kk": ("Қазақ университеті", "Фолиант"), "ru": ("Аспект Пресс", "МГИМО"), "en": ("Routledge", "Palgrave")}


def reference(rng: random.Random, writers: dict[str, TextWriter], language: str) -> str:
    ref_language = language if rng.random() < 0.7 else rng.choice(LANGUAGES)
    writer = writers[ref_language]
    title = writer.title()
    year = rng.randint(1995, 2024)
    latin = ref_language == "en"
    surname = rng.choice(REF_SURNAMES_LAT if latin else REF_SURNAMES_CYR)
    letters = "ABCDEJKLMNRS" if latin else "АБВГДЕКЛМНС"
    author = f"{surname} {rng.choice(letters)}.{rng.choice(letters)}."
    kind = rng.random()
    if kind < 0.45:
        pages = {"kk": "б.", "ru": "с.", "en": "p."}[ref_language]
        city = rng.choice(CITIES[ref_language])
        publisher = rng.choice(PUBLISHERS[ref_language])
        return f"{author} {title}. – {city}: {publisher}, {year}. – {rng.randint(90, 480)} {pages}"
    if kind < 0.8:
        first = rng.randint(3, 200)
        issue = "No." if latin else "№"
        page = "P." if latin else "С."
        last = first + rng.randint(3, 15)
        return (
            f"{author} {title} // {writer.title()}. – {year}. – {issue} {rng.randint(1, 12)}. – {page} {first}–{last}."
        )
    path = "/".join(slugify(w) or "page" for w in title.split()[:3])
    accessed = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2015, 2024)}"
    if latin:
        return f"{title}. URL: https://example.org/{path} (accessed: {accessed})."
    label = "Электрондық ресурс" if ref_language == "kk" else "Электронный ресурс"
    date = "қаралған күні" if ref_language == "kk" else "дата обращения"
    return f"{title} [{label}]. – URL: https://example.org/{path} ({date}: {accessed})."


def isbn13(rng: random.Random) -> str:
    digits = "978601" + "".join(str(rng.randrange(10)) for _ in range(6))
    check = (10 - sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10) % 10
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:9]}-{digits[9:12]}-{check}"


def volume_ids(n_volumes: int) -> list[tuple[str, int]]:
    """(id, year) of each volume: one a year up to LAST_YEAR, several a year (a, b, ...) when the
    years since FIRST_YEAR run out."""
    per_year = -(-n_volumes // (LAST_YEAR - FIRST_YEAR + 1))
    years = -(-n_volumes // per_year)
    out = []
    for i in range(n_volumes):
        year = LAST_YEAR - years + 1 + i // per_year
        out.append((f"{year}-ir" if per_year == 1 else f"{year}-ir-{chr(ord('a') + i % per_year)}", year))
    return out


def split_volumes(rng: random.Random, n_papers: int) -> list[int]:
    """Sizes of volumes of about 200 papers (150 to 250) adding up to n_papers."""
    sizes = []
    left = n_papers
    while left > 0:
        size = rng.randint(150, 250)
        if left - size < 150:
            size = left if left <= 250 else left // 2
        sizes.append(size)
        left -= size
    return sizes


# ---------------------------------------------------------------------------------------------
# Writing


# libyaml's emitter when PyYAML has it (several times faster); the output is the same YAML.
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    """Never emits anchors and aliases (the archive's reader refuses them)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def dump(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def contributor(people: People, person: Person, language: str, role: str, rng: random.Random) -> dict[str, object]:
    """The entry of paper.yml that credits `person`, printed as a paper in `language` would print it."""
    latin_first = language == "en" and person.latin is not None
    if role == "supervisors":
        name = person.latin_short if latin_first else person.short
    else:
        name = person.latin if latin_first else person.cyrillic
    if name is None:
        raise ValueError(f"{person.id} has no Latin spelling for an English paper")
    entry: dict[str, object] = {"name": name}
    latin = person.latin_short if role == "supervisors" else person.latin
    if not latin_first and latin is not None and rng.random() < 0.35:
        entry["name_latin"] = latin
    if people.ambiguous(person, name, latin if "name_latin" in entry else None):
        entry["person"] = person.id
    affiliation = rng.choice(AFFILIATIONS[language])
    if role == "authors":
        entry["affiliation"] = affiliation
        if rng.random() < 0.6:
            entry["email"] = f"{slugify(person.short).replace('-', '.')}{rng.randint(1, 99)}@example.org"
        if person.orcid:
            entry["orcid"] = person.orcid
        entry["status"] = rng.choice(STATUSES[language])
    else:
        if rng.random() < 0.5:
            entry["affiliation"] = affiliation
        entry["degree"] = rng.choice(DEGREES)
    return entry


def generate(root: Path, n_papers: int, seed: int) -> None:
    """Write a valid papers/ tree of `n_papers` papers into `root` (the papers folder itself)."""
    root = root.resolve()
    if root == REPO or REPO in root.parents:
        raise ValueError(f"{root} is inside the repository; generate into a temporary folder")
    if root.exists() and any(root.iterdir()):
        raise ValueError(f"{root} is not empty")
    rng = random.Random(seed)
    people = People(rng, students=max(20, n_papers // 2), staff=max(6, n_papers // 40))
    writers = {language: TextWriter(rng, language) for language in LANGUAGES}
    social, other = udc_codes()
    sizes = split_volumes(rng, n_papers)
    for (vid, year), size in zip(volume_ids(len(sizes)), sizes, strict=True):
        edition = year - FIRST_YEAR + 1
        editors = rng.sample(people.staff, min(2, len(people.staff)))
        volume = {
            "id": vid,
            "title": {
                "kk": f"«Халықаралық қатынастар» студенттік ғылыми конференциясының материалдары ({edition})",
                "ru": f"Материалы студенческой научной конференции «Международные отношения» ({edition})",
                "en": f"Proceedings of the Student Conference on International Relations ({edition})",
            },
            "conference": {
                "kk": "Халықаралық қатынастар бойынша студенттік ғылыми конференция",
                "ru": "Студенческая научная конференция по международным отношениям",
                "en": "Student Scientific Conference on International Relations",
            },
            "year": year,
            "date": f"{year}-04-{rng.randint(10, 28):02d}",
            "city": {"kk": "Астана", "ru": "Астана", "en": "Astana"},
            "publisher": {
                "kk": "Л.Н. Гумилев атындағы Еуразия ұлттық университеті",
                "ru": "Евразийский национальный университет им. Л.Н. Гумилева",
                "en": "L.N. Gumilyov Eurasian National University",
            },
            "editors": [
                {
                    "name": e.short,
                    **({"person": e.id} if people.ambiguous(e, e.short) else {}),
                    "role": "Жауапты редактор",
                }
                for e in editors
            ],
            "isbn": isbn13(rng),
            "licence": "CC-BY-4.0",
        }
        write(root / vid / "volume.yml", dump(volume))
        page = 3
        for number in range(1, size + 1):
            page = _write_paper(root / vid, vid, number, page, rng, people, writers, social, other)
    write(root / "people.yml", "# The people registry.\n" + dump(people.registry()))


def _write_paper(
    volume: Path,
    vid: str,
    number: int,
    page: int,
    rng: random.Random,
    people: People,
    writers: dict[str, TextWriter],
    social: list[str],
    other: list[str],
) -> int:
    language = rng.choices(LANGUAGES, weights=LANGUAGE_WEIGHTS)[0]
    pid = f"{vid}-{number:03d}"
    writer = TextWriter(rng, language)  # a fresh topic per paper
    n_refs = rng.randint(10, 20)
    words = rng.randint(2000, 3000)
    text = body(writer, words, n_refs)
    title = {language: writer.title()}
    for other_language in LANGUAGES:
        if other_language != language and rng.random() < 0.4:
            title[other_language] = writers[other_language].title()
    codes = [rng.choice(social) if rng.random() < 0.85 else rng.choice(other) for _ in range(rng.randint(1, 2))]
    codes = list(dict.fromkeys(code + (rng.choice(PLACES) if rng.random() < 0.15 else "") for code in codes))
    pool = [p for p in people.students if p.latin] if language == "en" else people.students
    authors = rng.sample(pool, min(len(pool), rng.choices((1, 2, 3), weights=(60, 30, 10))[0]))
    supervisor = rng.choice(people.staff)
    pages = max(1, words // 450)
    paper: dict[str, object] = {"id": pid, "language": language, "udc": codes, "title": title}
    if rng.random() < 0.5:
        paper["abstract"] = {language: " ".join(writer.sentence(rng.randint(10, 20), 0) for _ in range(4))}
    if rng.random() < 0.5:
        paper["keywords"] = {language: list(dict.fromkeys(rng.sample(writer.topic, rng.randint(3, 6))))}
    paper["authors"] = [contributor(people, a, language, "authors", rng) for a in authors]
    paper["supervisors"] = [contributor(people, supervisor, language, "supervisors", rng)]
    paper["pages"] = {"first": page, "last": page + pages}
    paper["references"] = [reference(rng, writers, language) for _ in range(n_refs)]
    paper["licence"] = "CC-BY-4.0"
    write(volume / pid / "paper.yml", dump(paper))
    write(volume / pid / "paper.md", text)
    return page + pages + 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the papers folder to create (empty or absent, outside the repository)")
    parser.add_argument("--papers", type=int, default=1000, help="number of papers (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    try:
        generate(args.out, args.papers, args.seed)
    except ValueError as error:
        print(f"generate: {error}", file=sys.stderr)
        return 2
    print(f"{args.out}: {args.papers} papers (seed {args.seed})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
