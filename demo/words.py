"""The words of the demo data: places, names, proposals, and fake but checksum-valid tax
identifiers. Nothing here is real."""

from agreements.models import (
    Agreement,
)
from companies.models import (
    Booking,
    Organisation,
)

CITIES = {
    "IT": [
        ("IT-21", "Torino", "Турин", "Turin"),
        ("IT-21", "Biella", "Бьелла", "Biella"),
        ("IT-25", "Bergamo", "Бергамо", "Bergamo"),
        ("IT-25", "Brescia", "Брешиа", "Brescia"),
        ("IT-25", "Lecco", "Лекко", "Lecco"),
        ("IT-34", "Treviso", "Тревизо", "Treviso"),
        ("IT-34", "Vicenza", "Виченца", "Vicenza"),
        ("IT-36", "Udine", "Удине", "Udine"),
        ("IT-42", "Genova", "Генуя", "Genoa"),
        ("IT-45", "Modena", "Модена", "Modena"),
        ("IT-45", "Sassuolo", "Сассуоло", "Sassuolo"),
        ("IT-52", "Prato", "Прато", "Prato"),
        ("IT-52", "Firenze", "Флоренция", "Florence"),
        ("IT-52", "Arezzo", "Ареццо", "Arezzo"),
        ("IT-55", "Perugia", "Перуджа", "Perugia"),
        ("IT-57", "Fermo", "Фермо", "Fermo"),
        ("IT-57", "Pesaro", "Пезаро", "Pesaro"),
        ("IT-62", "Roma", "Рим", "Rome"),
        ("IT-65", "Pescara", "Пескара", "Pescara"),
        ("IT-72", "Napoli", "Неаполь", "Naples"),
        ("IT-75", "Bari", "Бари", "Bari"),
        ("IT-82", "Catania", "Катания", "Catania"),
    ],
    "RU": [
        ("RU-MOW", "Mosca", "Москва", "Moscow"),
        ("RU-SPE", "San Pietroburgo", "Санкт-Петербург", "Saint Petersburg"),
        ("RU-LIP", "Lipeck", "Липецк", "Lipetsk"),
        ("RU-KLU", "Kaluga", "Калуга", "Kaluga"),
        ("RU-ULY", "Ul'janovsk", "Ульяновск", "Ulyanovsk"),
        ("RU-NIZ", "Nižnij Novgorod", "Нижний Новгород", "Nizhny Novgorod"),
        ("RU-SVE", "Ekaterinburg", "Екатеринбург", "Yekaterinburg"),
        ("RU-TA", "Kazan'", "Казань", "Kazan"),
        ("RU-CU", "Čeboksary", "Чебоксары", "Cheboksary"),
        ("RU-KGD", "Kaliningrad", "Калининград", "Kaliningrad"),
        ("RU-SAM", "Samara", "Самара", "Samara"),
        ("RU-TUL", "Tula", "Тула", "Tula"),
        ("RU-YAR", "Jaroslavl'", "Ярославль", "Yaroslavl"),
        ("RU-NVS", "Novosibirsk", "Новосибирск", "Novosibirsk"),
        ("RU-PER", "Perm'", "Пермь", "Perm"),
        ("RU-ROS", "Rostov sul Don", "Ростов-на-Дону", "Rostov-on-Don"),
        ("RU-KDA", "Krasnodar", "Краснодар", "Krasnodar"),
        ("RU-TOM", "Tomsk", "Томск", "Tomsk"),
        ("RU-VOR", "Voronež", "Воронеж", "Voronezh"),
        ("RU-VLA", "Vladimir", "Владимир", "Vladimir"),
    ],
}

IT_ACTIVITIES = (
    "Meccanica", "Officine", "Fonderia", "Tessile", "Lanificio", "Maglificio",
    "Calzaturificio", "Pelletteria", "Mobilificio", "Arredamenti", "Ceramiche", "Vetreria",
    "Cantine", "Oleificio", "Pastificio", "Caseificio", "Distilleria", "Elettronica",
    "Automazione", "Robotica", "Plastiche", "Chimica", "Laboratori", "Costruzioni", "Impianti",
    "Logistica", "Trasporti", "Cartiera", "Acciaierie", "Serramenti",
)  # fmt: skip
IT_SURNAMES = (
    "Rossi", "Bianchi", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco",
    "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi",
    "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara",
    "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Lombardo", "Serra",
    "Coppola", "De Santis", "D'Angelo", "Marchetti", "Parisi", "Villa", "Conte", "Ferraro",
    "Fabbri", "Bianco", "Marini", "Grasso", "Valentini", "Messina", "Sala", "De Angelis", "Gatti",
    "Pellegrini", "Palumbo", "Sanna", "Farina", "Rizzi", "Monti", "Cattaneo", "Morelli",
)  # fmt: skip
IT_QUALIFIERS = ("", " Italia", " Group", " & Figli")
IT_LEGAL_FORMS = ("S.r.l.", "S.p.A.", "S.n.c.", "S.a.s.", "S.r.l.s.")
IT_AREAS = (
    "Nord-Est", "Adriatico", "Tirreno", "Alpi", "Appennino", "Valpadana", "Brenta", "Arno",
    "Tevere", "Sannio", "Salento", "Langhe", "Murge", "Etna", "Sila", "Garda", "Ticino", "Piave",
    "Metauro", "Lario",
)  # fmt: skip
IT_FIRST_NAMES = (
    "Marco", "Giulia", "Luca", "Francesca", "Alessandro", "Chiara", "Andrea", "Sara", "Matteo",
    "Elena", "Giovanni", "Valentina", "Paolo", "Federica", "Stefano", "Silvia", "Davide",
    "Laura", "Roberto", "Martina", "Simone", "Anna", "Giorgio", "Elisa", "Fabio", "Paola",
    "Riccardo", "Roberta", "Lorenzo", "Claudia",
)  # fmt: skip

# Russian adjectives: stem and declension type ("ий" after к, otherwise "ый").
RU_ADJECTIVES = (
    ("Уральск", "ий"), ("Сибирск", "ий"), ("Волжск", "ий"), ("Балтийск", "ий"), ("Донск", "ий"),
    ("Камск", "ий"), ("Невск", "ий"), ("Липецк", "ий"), ("Калужск", "ий"), ("Тульск", "ий"),
    ("Казанск", "ий"), ("Новгородск", "ий"), ("Ярославск", "ий"), ("Пермск", "ий"),
    ("Самарск", "ий"), ("Воронежск", "ий"), ("Кубанск", "ий"), ("Ульяновск", "ий"),
    ("Чувашск", "ий"), ("Северн", "ый"), ("Южн", "ый"), ("Восточн", "ый"), ("Западн", "ый"),
    ("Дальневосточн", "ый"), ("Центральн", "ый"),
)  # fmt: skip
ADJECTIVE_ENDINGS = {
    "ий": {"m": "ий", "f": "ая", "n": "ое", "pl": "ие"},
    "ый": {"m": "ый", "f": "ая", "n": "ое", "pl": "ые"},
}
# Nouns with the gender (or plural) an adjective agrees with.
RU_NOUNS = (
    ("станки", "pl"), ("текстиль", "m"), ("металл", "m"), ("мебель", "f"), ("обувь", "f"),
    ("машиностроение", "n"), ("оборудование", "n"), ("технологии", "pl"), ("стекло", "n"),
    ("керамика", "f"), ("механика", "f"), ("пластик", "m"), ("приборы", "pl"),
    ("агрегаты", "pl"), ("материалы", "pl"), ("композиты", "pl"), ("инструмент", "m"),
    ("сплав", "m"), ("трикотаж", "m"), ("фарфор", "m"), ("кабель", "m"), ("электроника", "f"),
    ("автоматика", "f"), ("энергетика", "f"), ("логистика", "f"), ("строительство", "n"),
    ("литьё", "n"), ("приборостроение", "n"), ("подшипники", "pl"), ("полимеры", "pl"),
)  # fmt: skip
RU_QUALIFIERS = ("", " Плюс", "-Инвест", " Групп")
RU_LEGAL_FORMS = ("ООО", "АО", "ПАО", "ЗАО", "НПП", "ТД", "ПК", "НПО")
RU_MALE_NAMES = (
    "Алексей", "Дмитрий", "Сергей", "Андрей", "Иван", "Михаил", "Николай", "Павел", "Владимир",
    "Артём", "Константин", "Олег", "Юрий", "Виктор", "Григорий",
)  # fmt: skip
RU_FEMALE_NAMES = (
    "Мария", "Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Екатерина",
    "Юлия", "Ксения", "Дарья", "Людмила", "Вера", "Галина",
)  # fmt: skip
# Masculine forms; the feminine adds "а" (all end in -ов, -ев, -ёв or -ин).
RU_SURNAMES = (
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
    "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
    "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
    "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
    "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв",
)  # fmt: skip

# Organisation kinds with their weight, and how institutions are named.
KIND_WEIGHTS = {
    Organisation.Kind.SME: 72,
    Organisation.Kind.LARGE_COMPANY: 8,
    Organisation.Kind.ASSOCIATION: 4,
    Organisation.Kind.CHAMBER_OF_COMMERCE: 2,
    Organisation.Kind.UNIVERSITY: 3,
    Organisation.Kind.RESEARCH_CENTRE: 3,
    Organisation.Kind.BANK: 2,
    Organisation.Kind.PUBLIC_BODY: 3,
    Organisation.Kind.TECHNOLOGY_PARK: 1,
    Organisation.Kind.TRADE_FAIR: 1,
    Organisation.Kind.OTHER: 1,
}
COMPANY_KINDS = {Organisation.Kind.SME, Organisation.Kind.LARGE_COMPANY, Organisation.Kind.OTHER}
ORGANISER_KINDS = {
    Organisation.Kind.PUBLIC_BODY,
    Organisation.Kind.CHAMBER_OF_COMMERCE,
    Organisation.Kind.ASSOCIATION,
}
INSTITUTION_PREFIXES = {
    Organisation.Kind.ASSOCIATION: ("Consorzio Export", "Ассоциация"),
    Organisation.Kind.CHAMBER_OF_COMMERCE: ("Camera di Commercio", "Торгово-промышленная палата"),
    Organisation.Kind.UNIVERSITY: ("Politecnico", "Технический университет"),
    Organisation.Kind.RESEARCH_CENTRE: ("Centro Ricerche", "Научный центр"),
    Organisation.Kind.BANK: ("Banca", "Банк"),
    Organisation.Kind.PUBLIC_BODY: ("Agenzia Sviluppo", "Агентство развития"),
    Organisation.Kind.TECHNOLOGY_PARK: ("Parco Tecnologico", "Технопарк"),
    Organisation.Kind.TRADE_FAIR: ("Fiera", "Выставочный центр"),
}

CONTACT_ROLES = {
    "IT": ("Titolare", "Direttore generale", "Export manager", "Responsabile commerciale",
           "Responsabile acquisti", "Ufficio estero"),
    "RU": ("Генеральный директор", "Коммерческий директор", "Менеджер по экспорту",
           "Руководитель отдела закупок", "Директор по развитию"),
}  # fmt: skip
SIGNATORY_TITLES = (
    ("Legale rappresentante", "Законный представитель", "Legal representative"),
    ("Amministratore delegato", "Генеральный директор", "Chief executive officer"),
    ("Presidente", "Председатель", "Chair"),
    ("Direttore generale", "Директор", "Director general"),
)
PROPOSAL_TEXTS = {
    "it": (
        "Cerchiamo distributori e partner commerciali in Russia.",
        "Offriamo tecnologia di processo e assistenza all'avviamento.",
        "Valutiamo una joint venture per la produzione locale.",
        "Cerchiamo fornitori di componenti e semilavorati.",
        "Proponiamo un accordo di trasferimento tecnologico.",
    ),
    "ru": (
        "Ищем дистрибьюторов и коммерческих партнёров в Италии.",
        "Предлагаем площадку для локализации производства.",
        "Рассматриваем создание совместного предприятия.",
        "Ищем поставщиков оборудования и комплектующих.",
        "Предлагаем сотрудничество в области НИОКР.",
    ),
    "en": (
        "We are looking for distributors and commercial partners.",
        "We offer process technology and start-up support.",
        "We are considering a joint venture for local production.",
        "We are looking for suppliers of components.",
        "We propose a technology transfer agreement.",
    ),
}
PROPOSAL_KINDS = tuple(Booking.ProposalKind.values)
REJECTION_REASONS = {
    "it": "La proposta non riguarda il tema del tavolo.",
    "ru": "Предложение не относится к теме стола.",
    "en": "The proposal is outside the table's theme.",
}
AGENDA = (
    # kind, it, ru, en, day, start, end
    ("plenary", "Sessione plenaria di apertura", "Пленарное заседание",
     "Opening plenary session", 0, (9, 30), (12, 30)),
    ("sectoral_table", "Tavoli settoriali", "Отраслевые круглые столы", "Sectoral tables",
     0, (14, 30), (18, 0)),
    ("b2b", "Incontri B2B", "Встречи B2B", "B2B meetings", 1, (9, 30), (13, 0)),
    ("company_visit", "Visite aziendali", "Посещение предприятий", "Company visits",
     1, (14, 30), (18, 0)),
    ("signing", "Firma degli accordi", "Подписание соглашений", "Signing of agreements",
     -1, (17, 0), (18, 0)),
)  # fmt: skip
AGREEMENT_KINDS = {
    # kind: (weight, it, ru, en)
    Agreement.Kind.COOPERATION_AGREEMENT: (
        35, "Accordo di cooperazione", "Соглашение о сотрудничестве", "Cooperation agreement"
    ),
    Agreement.Kind.MEMORANDUM: (
        30, "Memorandum d'intesa", "Меморандум о взаимопонимании", "Memorandum of understanding"
    ),
    Agreement.Kind.LETTER_OF_INTENT: (
        22, "Lettera d'intenti", "Письмо о намерениях", "Letter of intent"
    ),
    Agreement.Kind.WORK_PROGRAMME: (
        3, "Programma di lavoro triennale", "Трёхлетняя программа работы",
        "Three-year work programme",
    ),
    Agreement.Kind.OTHER: (
        10, "Dichiarazione congiunta", "Совместное заявление", "Joint statement"
    ),
}  # fmt: skip
# How an agreement reached its status: the steps after "draft".
STATUS_PATHS = {
    "draft": (),
    "signed": ("signed",),
    "in_force": ("signed", "in_force"),
    "implemented": ("signed", "in_force", "implemented"),
    "expired": ("signed", "in_force", "expired"),
    "terminated": ("signed", "in_force", "terminated"),
    "superseded": ("signed", "in_force", "superseded"),
}
WORK_PROGRAMME_ACTIONS = (
    ("Missione imprenditoriale", "Деловая миссия", "Business mission"),
    ("Seminario sulle filiere", "Семинар по цепочкам поставок", "Supply-chain seminar"),
    ("Scambio di esperti", "Обмен экспертами", "Exchange of experts"),
)

TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        ("a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
         "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"),
        strict=True,
    )
)  # fmt: skip


def translit(text: str) -> str:
    """Cyrillic → Latin letters, for slugs and e-mail addresses."""
    out = []
    for char in text:
        latin = TRANSLIT.get(char.lower())
        if latin is None:
            out.append(char)
        elif latin:
            out.append(latin.capitalize() if char.isupper() else latin)
    return "".join(out)


def italian_vat(serial: int, office: int) -> str:
    """A checksum-valid partita IVA: 7-digit serial, 3-digit office code, Luhn check digit."""
    body = f"{serial:07d}{office:03d}"
    total = 0
    for position, char in enumerate(body):
        digit = int(char)
        if position % 2:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return body + str((10 - total % 10) % 10)


def russian_inn(body: int) -> str:
    """A checksum-valid 10-digit INN of a legal entity from a 9-digit body."""
    digits = f"{body:09d}"
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    check = sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11 % 10
    return digits + str(check)
