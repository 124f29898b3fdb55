"""Delegates: which people represented whom.

People listed under an actor in an attendance list, and people whose affiliation the text
states outright: after the name ("Ambassador Jane Roe, Permanent Representative of Chile",
"Mr. John Doe of the ICRC", "Jane Roe, Mexico's representative"), before it ("the ISU
Director, Ms. Jane Roe", "Chile's Ambassador John Doe"), in the fields of a speakers' list
("> Jane Roe | Head of Division | Ministry of Defence | Chile"), under a contact line
("Contact details at ICRC:"), or by speaking "on behalf of" an actor. A name alone
("Ambassador Roe", mentioned by another delegation) is no affiliation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ccm_graph.extract import statements
from ccm_graph.extract.rules import Known, example, rule, trap
from ccm_graph.extract.view import Mention, View
from ccm_graph.model import DelegateFact, Fact
from ccm_graph.nlp import casefree, link

WINDOW = 160
# Where an apposition after a name ends: the sentence, the clause, the next line.
APPOSITION_END = re.compile(r"[.;:]\s|\n[ \t]*\n|\s(?:by|was|were|who|which|whose|on\s+behalf)\s")
# Prepositions after which an actor is where the person serves, not whom they represent.
POSTED_TO = re.compile(r"(?i)\b(?:to|in|at\s+the\s+invitation\s+of|with)\s+(?:the\s+)?$")
# "X, a survivor advocate from Lebanon": where the person comes from, not whom they represent.
ORIGIN = re.compile(
    r"(?i)^\s*,\s+an?\s+(?!(?:[\w-]+\s+){0,3}?(?:representative|delegat|official|diplomat"
    r"|minist|ambassador))(?:[\w-]+\s+){1,4}from\s+(?:the\s+)?$"
)
GOVERNED = re.compile(r"(?i)\b(?:of|at|from|for)\s+(?:the\s+)?(?:CCM\s+)?$")


def delegate(view: View, person: Mention, actor: Mention) -> DelegateFact:
    start, end = min(person.start, actor.start), max(person.end, actor.end)
    return DelegateFact(view.doc_id, view.span(start, end), actor.key, person.key)


def identifies(person: Mention) -> bool:
    """A name that identifies a human (given name and surname), not a short form."""
    return link.person_key(person.key) is not None


# --- attendance lists -------------------------------------------------------------------------


@rule(
    "delegates.listed",
    1,
    DelegateFact,
    "A person listed under (or, in a list written person first, before) an actor of an "
    "attendance list.",
    examples=(
        example(
            "Present:\nChile\nMs. Ana Torres\nMr. Luis Vega\n\nGhana\nMr. Kofi Mensah\n",
            ("CHL", "Ana Torres"),
            ("CHL", "Luis Vega"),
            ("GHA", "Kofi Mensah"),
        ),
        example(
            "List of participants:\nMs. Ingrid Holm, Norway\nDr. Paul Okoye, Nigeria (Chair)\n",
            ("NOR", "Ingrid Holm"),
            ("NGA", "Paul Okoye"),
        ),
        trap("Present:\nChile\nMs. Torres\n", ("CHL", "Torres")),
        example(
            "Attendees\n\nPeru: Ms. Rosa Dia-\nz, Adviser\nlnternational Committee of the Red "
            "Cross: Mr. Kofi Ow-\nusu\n",
            ("PER", "Rosa Diaz"),
            ("ICRC", "Kofi Owusu"),
        ),
        example(
            "Present:\nChile (Mr. Jean-\nLuc Prieto)\nGhana (Ms. Ama Ow-\nusu-Ansah)\n",
            ("CHL", "Jean-Luc Prieto"),
            ("GHA", "Ama Owusu-Ansah"),
        ),
        example(
            "Participants: Chile and Peru, coordinators of clearance, represented by Mr. Juan "
            "Soto and Ms. Ana Ruiz ; Kenya, Mr. Otieno Mwangi.\n",
            ("CHL", "Juan Soto"),
            ("PER", "Ana Ruiz"),
        ),
        example(
            "Present:\nMalta & Nepal - Ms. Rita Borg and Mr. Ram Thapa\nGhana\n",
            ("MLT", "Rita Borg"),
            ("NPL", "Ram Thapa"),
        ),
        trap(
            "Attendees\nMalta and Nepal: Ms. Rita Borg, Mr. Ram Thapa\n",
            ("NPL", "Rita Borg"),
            ("MLT", "Ram Thapa"),
        ),
        trap(
            "Present:\nChile and Peru, represented by Mr. Juan Soto, Ms. Ana Ruiz and Mr. Luis "
            "Vega\n",
            ("CHL", "Juan Soto"),
            ("CHL", "Luis Vega"),
        ),
        trap(
            "Present:\nChile (Mr. Jean-\nLuc Prieto)\n",
            ("CHL", "JeanLuc Prieto"),
            ("CHL", "Jean"),
        ),
        example(
            "PRESENT: Norway - Ms. Kari Dahl; Kenya - Mr.\nPaul Otieno; Nepal - Ms. Sita Rai\n",
            ("KEN", "Paul Otieno"),
            ("NPL", "Sita Rai"),
        ),
        trap(
            "PRESENT: Oman - Ms. Kari Dahl; Fiji - Dr.\nPaul Otieno; Tonga - Ms. Sita Rai\n",
            ("TON", "Paul Otieno"),
        ),
        example(
            "Present: Chile – Sr. Juan Rojas; Peru –\nSra. Ana Ruiz, Adviser. The CMC (Ms. "
            "Ida Berg) also took part.\n",
            ("PER", "Ana Ruiz"),
            ("CMC", "Ida Berg"),
        ),
        trap(
            "Present: Chad – Sr. Juan Rojas; Mali –\nSra. Ana Ruiz, Counsellor. The ICRC (Ms. "
            "Ida Berg) also took part.\n",
            ("ICRC", "Ana Ruiz"),
        ),
        example(
            "2. Participants. The following delegations took part: Chile – Sra. Ana Ruiz Soto, "
            "Adviser; Peru – Sr. Luis Vega, Counsellor. The GICHD (Sr. Pablo Soto) and the UNDP"
            "\n(Sra. Eva Lind Berg) took part as resource persons.\n",
            ("CHL", "Ana Ruiz Soto"),
            ("PER", "Luis Vega"),
        ),
        example(
            "PRESENT: Norway (Chair) - Ms. Kari Dahl; ISU - Mr. Tomas\nBerg (Director a.i.); "
            "Chile - Ms. Ana Paz.",
            ("ISU", "Tomas Berg"),
        ),
        example(
            "Attendance\nK. Mensah ........ Ghana\nApologies received from: R. O'Brien-Kelly "
            "(Ireland, Coordinator)\nAbsent: Lena Marie Holm (Sweden)\n",
            ("IRL", "R. O'Brien-Kelly"),
            ("SWE", "Lena Marie Holm"),
        ),
        trap(
            "Attendance\nK. Mensah ........ Ghana\nApologies received from: Clearance Group "
            "(Ireland)\nAbsent: B. Reports (Sweden)\n",
            ("IRL", "Clearance Group"),
            ("SWE", "B. Reports"),
        ),
        example(
            "Present:\nK. L. Osei ........ Ghana\nB. de Wit .......... Belgium, Coordinator\n",
            ("GHA", "K. L. Osei"),
            ("BEL", "B. de Wit"),
        ),
        trap(
            "Present:\nK. L. Osei ........ Ghana\nB. de Wit .......... Belgium, Adviser\n",
            ("BEL", "de Wit"),
            ("GHA", "L. Osei"),
        ),
        example(
            "Present:\nPERU – Sr. Luis Soto Vega; Sra. Ana Gil Mora\nBELGIUM (M. Jean Dupont; "
            "Mme. Claire Roy)\nKENYA – Ms. A. M. Otieno Wafula\n",
            ("PER", "Luis Soto Vega"),
            ("PER", "Ana Gil Mora"),
            ("BEL", "Jean Dupont"),
            ("KEN", "A. M. Otieno Wafula"),
        ),
        trap(
            "Present:\nPERU – Sr. Luis Soto Vega\nKENYA – Ms. A. M. Otieno Wafula\n",
            ("KEN", "Otieno Wafula"),
        ),
        example(
            "Present:\nPhilippines – Ambassador Ma. Teresa Ramos\nMexico – Sra. Elena Ruiz y\n"
            "  Ortega, Counsellor\n",
            ("PHL", "Ma. Teresa Ramos"),
            ("MEX", "Elena Ruiz y Ortega"),
        ),
        trap(
            "Present:\nPhilippines – Ambassador Ma. Luisa Santos\nMexico – Sra. Rosa Diaz de\n"
            "  la Vega, Adviser\n",
            ("PHL", "Luisa Santos"),
            ("MEX", "Rosa Diaz de"),
        ),
        example(
            "Present:\nCHAD and MALI – Coordinators: Sr. Ali Hassan Idriss (Mali); Sra. Fatima "
            "Zara Abakar (Chad)\nWere present:\n- Togo and Benin, coordinators (M. Koffi Mensah; "
            "Mme. Awa Sarr)\n",
            ("MLI", "Ali Hassan Idriss"),
            ("TCD", "Fatima Zara Abakar"),
            ("TGO", "Koffi Mensah"),
            ("BEN", "Awa Sarr"),
        ),
        trap(
            "Attendance:\nNIGER and TOGO – Sr. Musa Abdou Garba (Togo); Sra. Aicha Ali Sani "
            "(Niger)\n",
            ("NER", "Musa Abdou Garba"),
            ("TGO", "Aicha Ali Sani"),
        ),
    ),
)
def listed(view: View, known: Known) -> Iterator[Fact]:
    members = {(m.start_char, m.kb_id_) for m in view.group("members")}
    for entry in view.group("entries"):
        actor = Mention("actor", entry.kb_id_, 0, 0, "")
        actors = [m for m in view.actors(entry.start_char, entry.end_char) if m.key == entry.kb_id_]
        if actors:
            actor = actors[0]
        for person in view.within(entry.start_char, entry.end_char, "person"):
            if (person.start, entry.kb_id_) not in members:
                continue  # in the entry's stretch, but another entry's ("A and B, by X and Y")
            if len(person.key.split()) >= 2:  # "Mr. T. J. Whitaker" is listed in full
                yield delegate(view, person, actor)


# --- prose: the affiliation after the name ----------------------------------------------------


def stated_after(view: View, person: Mention) -> Mention | None:
    """The actor that an apposition after the name states: 'X, Permanent Representative
    of Germany to ...', 'X of the ICRC', 'X (Chile)', 'X, Mexico's representative', 'X,
    Campaign Manager, CMC', 'X, Mexico representative of the CMC' (the CMC)."""
    window_end = min(len(view.text), person.end + WINDOW)
    boundary = APPOSITION_END.search(view.text, person.end, window_end)
    stop = boundary.start() if boundary else window_end
    following = [m for m in view.within(person.end, window_end, "person") if m.start > person.end]
    if following:
        stop = min(stop, following[0].start)
    actors = view.actors(person.end, stop)
    if not actors:
        return _title_case_apposition(view, person, window_end)
    gap = view.text[person.end : actors[0].start]
    if (
        not re.match(r",|\s+(?:of|from)\s|\s*\(", gap) and not _function_next(view, person.end)
    ) or ORIGIN.search(gap):
        return None
    if "\n" in gap and _in_list(view, person.start):
        return None  # a list's next line is the next entry: the attendance rules read it
    if gap.count(",") > 2:
        return None
    governed = [a for a in actors if GOVERNED.search(view.text[person.end : a.start])]
    if governed and _function_before(view, person.end, governed[0].start):
        return governed[0]
    first = actors[0]
    if POSTED_TO.search(view.text[person.end : first.start]):
        return None
    return first if _plain_apposition(view, person, first) else None


def _function_next(view: View, position: int) -> bool:
    """A function in capitals right after the name, its comma omitted ("H.E Jane Roe
    Minister of Foreign Affairs of ...")."""
    start = position + len(view.text[position:]) - len(view.text[position:].lstrip(" "))
    return start > position and any(
        cue.start_char == start and view.text[start].isupper()
        for cue in view.cues("function", start, start + 40)
    )


def _function_before(view: View, start: int, end: int) -> bool:
    return view.has_cue("function", start, end) or view.has_cue("mission", start, end)


def _plain_apposition(view: View, person: Mention, actor: Mention) -> bool:
    """The words between the name and the actor are an apposition: nothing, 'of', '(',
    or a comma and a function ("X, Director of the ...", "X, Mexico's representative")."""
    gap = view.text[person.end : actor.start]
    if re.fullmatch(r"\s*(?:\(|of\s|from\s)\s*(?:the\s+)?", gap, re.I):
        return True
    if re.fullmatch(r"\s*,\s*(?:the\s+)?", gap) and view.has_cue(
        "function", actor.start, actor.end
    ):
        return True  # an office that names its organization: "X, High Representative for ..."
    if re.fullmatch(r"\s*,\s*(?:the\s+)?(?:CCM\s+)?", gap, re.I):
        after = view.text[actor.end : actor.end + 40]
        return bool(re.match(r"(?:['’]s)?\s*\S", after)) and _function_before(
            view, actor.end, min(len(view.text), actor.end + 40)
        )
    return gap.lstrip().startswith(",") and _function_before(view, person.end, actor.start)


def _title_case_apposition(view: View, person: Mention, window_end: int) -> Mention | None:
    """'H.E Jane Roe Minister of Foreign Affairs of the Republic of Chile': a title written
    without a comma, title-case words and 'of', then the actor."""
    match = re.match(
        r"\s+(?:[A-Z][\w'-]*\s+|(?:of|for|and|the)\s+){1,8}?of\s+(?:the\s+)?",
        view.text[person.end : window_end],
    )
    if match is None:
        return None
    actors = view.actors(person.end + match.end(), window_end)
    if actors and actors[0].start == person.end + match.end():
        return actors[0]
    return None


@rule(
    "delegates.affiliation-after",
    1,
    DelegateFact,
    "A person whose apposition states the actor they work for: 'Name, Function of Actor' "
    "(the comma may be omitted before a function in capitals), "
    "'Name of Actor', 'Name (Actor)', 'Name, Actor's function'.",
    examples=(
        example(
            "The session was chaired by Ambassador Mere\nTe Rangi (New Zealand), who opened it.",
            ("NZL", "Mere Te Rangi"),
        ),
        example(
            "Ambassador Rosa Lind, Permanent Representative of Sweden to the Conference on "
            "Disarmament, opened the meeting.",
            ("SWE", "Rosa Lind"),
        ),
        example("The seminar heard Dr. Omar Haddad of the ICRC.", ("ICRC", "Omar Haddad")),
        # "Minster": a frequent slip for "Minister" in the genre's reports
        example(
            "Mr. Jan Berg, Minster for Defence of Norway, opened the talks.", ("NOR", "Jan Berg")
        ),
        example(
            "During the session, H.E. Ana Paz, Minster of Foreign Affairs of Peru, spoke.",
            ("PER", "Ana Paz"),
        ),
        trap("Mr. Jan Berg, who visited the Minster, thanked Norway.", ("NOR", "Jan Berg")),
        example("Mr. Jan Berg Head of Delegation of Norway opened the talks.", ("NOR", "Jan Berg")),
        example(
            "During the session, H.E Rosa Diaz Minster of Foreign Affairs of Mexico spoke.",
            ("MEX", "Rosa Diaz"),
        ),
        trap("Mr. Jan Berg thanked the Minister of Foreign Affairs of Peru.", ("PER", "Jan Berg")),
        example(
            "said Lucia Perez, Colombia's representative to the United Nations in Geneva.",
            ("COL", "Lucia Perez"),
        ),
        example(
            "said Tomas Varga, Hungary representative of the Cluster Munition Coalition.",
            ("CMC", "Tomas Varga"),
        ),
        trap(
            "Mr. Karl Berg thanked Austria for its support.",
            ("AUT", "Karl Berg"),
        ),
        example(
            "The speech of Ms. Ana\nLucia Torres of Chile was welcomed.",
            ("CHL", "Ana Lucia Torres"),
        ),
        trap(
            "List of participants:\nGhana .... Mr. Kofi Owusu, Ministry of Defence\nPeru .... Ms. "
            "Rosa Diaz\n",
            ("PER", "Kofi Owusu"),
        ),
        trap(
            "ANNEX: ATTENDEES\nCMC .. Mr. Tom Hill, Legal Adviser\nKenya .. Dr. Amina Otieno\n",
            ("KEN", "Tom Hill"),
        ),
        trap(
            "Mr. Ian Boyd, Head of Delegation to Kenya, spoke.",
            ("KEN", "Ian Boyd"),
        ),
        trap(
            "The panel heard Ms. Rita Gomez, a mine survivor from Colombia.",
            ("COL", "Rita Gomez"),
        ),
        example(
            "The invitations were signed by Mr. Tomas Lind, High Representative for "
            "Disarmament Affairs.",
            ("UNODA", "Tomas Lind"),
        ),
    ),
)
def affiliation_after(view: View, known: Known) -> Iterator[Fact]:
    for person in view.within(0, len(view.text), "person"):
        if not identifies(person):
            continue
        actor = stated_after(view, person)
        if actor is not None:
            yield delegate(view, person, actor)


# --- prose: the affiliation before the name ---------------------------------------------------

# "ISU (secretariat) – Ms. X": the actor's role in lower case between them.
ACTOR_TITLE = re.compile(
    r"^\)?\s*(?:\([A-Z]{2,6}\)\s*)?(?:\((?:[a-z][a-z-]*\s*){1,4}\)\s*)?(?:['’]s\s+)?"
    r"\(?\s*(?P<function>[A-Za-z][\w -]{0,40}?)?"
    r"\s*[:,\-–—]?\s*$"
)
BEFORE_NAME_GAP = re.compile(r"(?:\s+(?:[A-Z][\w'-]*|and|of|the|for|on))*\s*,\s*$")


def stated_before(view: View, person: Mention) -> Mention | None:
    """'the ISU Director, Ms. X', "Chile's Ambassador X", 'the CMC Ambassador Mr. X',
    'the Chief of UNOG Financial Services, Mr. X', 'the Minister of Foreign Affairs of Peru
    and Chairman of the Meeting, Mr. X'."""
    start = honorific_start(view, person)
    window_start = max(0, start - WINDOW)
    actors = view.actors(window_start, start)
    if not actors:
        return None
    nearest = actors[-1]
    gap = view.text[nearest.end : start]
    if "\n" in gap and (_in_list(view, start) or gap.count("\n") > 1):
        return None  # lists are the attendance rules'
    gap = " ".join(gap.split(" \n")).replace("\n", " ")
    title = ACTOR_TITLE.match(gap)
    if title and (
        not title["function"]
        or (
            view.has_cue("function", nearest.end, start)
            and _only_function_words(view, nearest.end, start, gap)
        )
    ):
        return nearest
    sentence = view.sentence_at(nearest.start)
    lead = view.text[max(sentence.start, nearest.start - 60) : nearest.start]
    function_of = re.search(r"(?:of|at)\s+(?:the\s+)?$", lead) and view.has_cue(
        "function", max(sentence.start, nearest.start - 60), nearest.start
    )
    if function_of and BEFORE_NAME_GAP.fullmatch(gap):
        return nearest if not re.search(r"\b(?:was|were|by|who)\b", gap) else None
    return None


def _in_list(view: View, position: int) -> bool:
    return bool(view.holding("blocks", position, position + 1))


def _only_function_words(view: View, start: int, end: int, gap: str) -> bool:
    """The gap holds a function and nothing else: "'s Ambassador", " director, ", "'s
    Minister of Defence, " (what the function is of, in capitals)."""
    words = re.findall(r"[A-Za-z][\w-]*", gap)
    covered = " ".join(c.text.lower() for c in view.cues("function", start, end)).split()
    seen_function = False
    for word in words:
        if word.lower() in covered:
            seen_function = True
        elif word.lower() not in ("s", "the") and not (
            seen_function and (word[:1].isupper() or word in ("of", "for", "and"))
        ):
            return False
    return True


def honorific_start(view: View, person: Mention) -> int:
    """Where the name's honorifics begin ("H.E. Mr. " before the name itself)."""
    start = person.start
    for honorific in reversed(view.in_("honorifics", max(0, person.start - 40), person.start)):
        if view.text[honorific.end_char : start].strip():
            break
        start = honorific.start_char
    return start


@rule(
    "delegates.affiliation-before",
    1,
    DelegateFact,
    "A person named after the function an actor gave them: 'the ISU Director, Ms. Name', "
    "\"Actor's Ambassador Name\", 'the Chief of Actor Services, Mr. Name'.",
    examples=(
        example(
            "2. Participants. The following delegations took part: Chile – Sra. Ana Ruiz Soto, "
            "Adviser. The GICHD (Sr. Pablo Soto) and the UNDP\n(Sra. Eva Lind Berg) took part "
            "as resource persons.\n",
            ("GICHD", "Pablo Soto"),
            ("UNDP", "Eva Lind Berg"),
        ),
        example(
            "the ISU Director, Ms. Hana Kim, presented the budget.",
            ("ISU", "Hana Kim"),
        ),
        example("Kenya's Ambassador John Mwangi deposited the instrument.", ("KEN", "John Mwangi")),
        example(
            "The Meeting heard the Chief of UNOG Financial Services, Mr. Pierre Dubois.",
            ("UNOG", "Pierre Dubois"),
        ),
        trap(
            "Norway thanked Ms. Anna Berg for her work.",
            ("NOR", "Anna Berg"),
        ),
        example(
            "In a letter, Chile's Minister\nof National Defence, Mr. Jorge Arce Silva, "
            "confirmed the date.",
            ("CHL", "Jorge Arce Silva"),
        ),
        example(
            "Ex officio: Implementation Support Unit – Mr. Paul Imbert, Director",
            ("ISU", "Paul Imbert"),
        ),
        trap(
            "Agenda item 4: statements by Ghana's Minister\n\nMr. Kofi Annan-Boateng opened "
            "the session.",
            ("GHA", "Kofi Annan-Boateng"),
        ),
        example(
            "Peru's Ambassador Rosa\nMaria Diaz, who chaired the session, spoke.",
            ("PER", "Rosa Maria Diaz"),
        ),
        example(
            "Ex officio members: UNDP (interim secretariat) – Ms. Ana Costa · GICHD – Mr. Jan "
            "Novak",
            ("UNDP", "Ana Costa"),
            ("GICHD", "Jan Novak"),
        ),
        example(
            "Contact: the ICRC (legal division): Mr. Paul Favre",
            ("ICRC", "Paul Favre"),
        ),
        example(
            "We heard the ICRC Director Paul\nFavre, who spoke on clearance.",
            ("ICRC", "Paul Favre"),
        ),
        example(
            "The letter of Peru's Coordinator Luis\nSoto Vargas, dated 3 May, was read out.",
            ("PER", "Luis Soto Vargas"),
        ),
        trap("The CMC Director Jonathan\nthanked Peru for its work.", ("CMC", "Jonathan")),
        trap(
            "Norway (chair) thanked Ms. Anna Berg for the report.",
            ("NOR", "Anna Berg"),
        ),
        trap(
            "Chile's Ambassador Ruiz\nMaria Lopez Garcia Torres, who spoke.",
            ("CHL", "Ruiz Maria Lopez Garcia Torres"),
            ("CHL", "Ruiz Maria Lopez"),
        ),
    ),
)
def affiliation_before(view: View, known: Known) -> Iterator[Fact]:
    listed_people = {m.start_char for m in view.group("members")}
    for person in view.within(0, len(view.text), "person"):
        if not identifies(person) or person.start in listed_people:
            continue  # a list's people are the entry's ("Malta & Nepal - Ms. A and Mr. B")
        actor = stated_before(view, person)
        if actor is not None:
            yield delegate(view, person, actor)


# "will lead the Colombian delegation", "headed the delegation of Chile"
LEAD_VERB = (
    r"(?i)^[^.;:]{0,80}?\b(?:will\s+|would\s+)?(?:lead|leads|led|leading|head|heads|headed|"
    r"heading)\s+the\s+"
)
LEADS_DEMONYM = re.compile(LEAD_VERB + r"$")
LEADS_OF = re.compile(LEAD_VERB + r"(?:high-level\s+|national\s+)?delegation\s+of\s+(?:the\s+)?$")
DELEGATION_AFTER = re.compile(r"(?i)\s+(?:high-level\s+|national\s+)?delegation\b")


@rule(
    "delegates.leads-delegation",
    1,
    DelegateFact,
    "A person said to lead or head a State's delegation: 'Ms. X, Deputy Minister, will "
    "lead the Chilean delegation', 'Mr. X headed the delegation of Peru'.",
    examples=(
        example(
            "The Deputy Minister for Defence, Ms. Ana Maria Rojas, will lead the Chilean "
            "delegation to the Meeting.",
            ("CHL", "Ana Maria Rojas"),
        ),
        example(
            "Mr. Kofi Owusu headed the delegation of Ghana at the review conference.",
            ("GHA", "Kofi Owusu"),
        ),
        trap(
            "Ms. Ana Maria Rojas welcomed the Peruvian proposal; Mr. Luis Soto will lead the "
            "debate on it.",
            ("PER", "Ana Maria Rojas"),
            ("PER", "Luis Soto"),
        ),
        trap(
            "Mr. Kofi Owusu met Ms. Ida Berg, who headed the delegation of Sweden.",
            ("SWE", "Kofi Owusu"),
        ),
    ),
)
def leads_delegation(view: View, known: Known) -> Iterator[Fact]:
    for person in view.within(0, len(view.text), "person"):
        if not identifies(person):
            continue
        sentence = view.sentence_at(person.start)
        window_end = min(sentence.end, person.end + 160)
        others = [p for p in view.within(person.end, window_end, "person") if p.start > person.end]
        stop = others[0].start if others else window_end
        for actor in _led_delegations(view, person.end, stop):
            yield delegate(view, person, actor)
            break


def _led_delegations(view: View, start: int, stop: int) -> Iterator[Mention]:
    """The States whose delegation a verb of leading after text[start] names, up to `stop`."""
    for demonym in view.in_("demonyms", start, stop):
        if DELEGATION_AFTER.match(view.text, demonym.end_char) and LEADS_DEMONYM.match(
            view.text[start : demonym.start_char]
        ):
            yield Mention("state", demonym.kb_id_, demonym.start_char, demonym.end_char, "")
    for actor in view.actors(start, stop):
        if actor.kind == "state" and LEADS_OF.match(view.text[start : actor.start]):
            yield actor


# "our own campaigner Ms. X", "our Director, Mr. Y": the publisher's own people
OUR_STAFF = (
    r"(?i)\bour\s+(?:own\s+)?(?:[a-z-]+\s+){0,2}?(?:campaigners?|advocates?|directors?|heads?"
    r"(?:\s+of\s+[a-z]+)?|officers?|advis[eo]rs?|colleagues?|representatives?|experts?|"
    r"coordinators?|managers?|researchers?|delegates?|ambassadors?|presidents?|chairs?)"
)
OUR_OWN = re.compile(OUR_STAFF + r",?\s+$")


def publisher(view: View) -> Mention | None:
    """The one actor that the first line of a news item or release names ("CLUSTER MUNITION
    COALITION — NEWS", "ISU-CCM | News"): who says "our" in it."""
    first = view.text.lstrip()
    offset = len(view.text) - len(first)
    line_end = first.find("\n")
    line_end = offset + (len(first) if line_end == -1 else line_end)
    actors = view.actors(offset, line_end)
    return actors[0] if len({a.key for a in actors}) == 1 else None


@rule(
    "delegates.our-own",
    1,
    DelegateFact,
    "In a news item or release whose first line names its publisher, a person the text "
    "calls its own ('our own campaigner Ms. X', 'our Director, Mr. Y') represents the "
    "publisher.",
    examples=(
        example(
            "Mines Advisory Group (MAG) – News\n\nThe workshop heard survivors and our own "
            "advocacy officer Ms. Lina Haddad.",
            ("MAG", "Lina Haddad"),
        ),
        example(
            "ICRC – News release\n\nOur Head of Delegation, Mr. Paul Weber, opened the seminar.",
            ("ICRC", "Paul Weber"),
        ),
        example(
            "NORWEGIAN PEOPLE'S AID — NEWS\n\nThe survey was presented by our researcher Dr. "
            "Ida Berg.",
            ("NPA", "Ida Berg"),
        ),
        trap(
            "Mines Advisory Group (MAG) – News\n\nOur thanks go to Ms. Lina Haddad, who "
            "visited us.",
            ("MAG", "Lina Haddad"),
        ),
        trap(
            "ICRC and UNDP – joint release\n\nOur colleague Ms. Lina Haddad spoke.",
            ("ICRC", "Lina Haddad"),
            ("UNDP", "Lina Haddad"),
        ),
    ),
)
def our_own(view: View, known: Known) -> Iterator[Fact]:
    actor = publisher(view)
    if actor is None:
        return
    for person in view.within(0, len(view.text), "person"):
        start = honorific_start(view, person)
        lead = OUR_OWN.search(view.text, max(0, start - 50), start)
        if identifies(person) and lead is not None:
            # the evidence quotes "our own campaigner Ms. X"; the publisher is the masthead's
            span = view.span(lead.start(), person.end)
            yield DelegateFact(view.doc_id, span, actor.key, person.key)


# --- speakers' lists, contact lines, statements on behalf of an actor -------------------------


@rule(
    "delegates.listed-fields",
    1,
    DelegateFact,
    "A speakers' or contents list entry 'Name | Function | Organization | State': the "
    "first actor in a field after the name, not one the person is posted to.",
    examples=(
        example(
            "> Ana Silva | Director of Mine Action | Ministry of Defence | Portugal 12",
            ("PRT", "Ana Silva"),
        ),
        example(
            "> Global Norms | Piet de Vries | Netherlands 14 > Paul Roy | Head of Office to "
            "Laos | ICRC 15",
            ("NLD", "Piet de Vries"),
            ("ICRC", "Paul Roy"),
        ),
        trap("> The Experience of Chile | Mara Soto", ("CHL", "Mara Soto")),
        example(
            "| Name | Delegation |\n|---|---|\n| K. L. Mensah-Osei | Ghana |\n| Ma. Luisa Reyes | "
            "Philippines |\n| R. T. O'Neill | Ireland |\n",
            ("GHA", "K. L. Mensah-Osei"),
            ("PHL", "Ma. Luisa Reyes"),
            ("IRL", "R. T. O'Neill"),
        ),
        example(
            "Area;Years;State;Contact\nClearance;2030-2032;Ghana;Mr. Kofi Owusu Boateng\n"
            "Reporting;2029-2031;Nepal;Ms. Sita Rai\nVictim assistance;2030-2032;Peru;—\n",
            ("GHA", "Kofi Owusu Boateng"),
            ("NPL", "Sita Rai"),
        ),
        trap(
            "PRESENT: Chile (Reports) - Ms. Ana Paz; Peru (Clearance) - Mr. Luis Soto; Malta -\n"
            "Ms. Rita Borg; Kenya (Survivors) - Mr. Paul Otieno; Nepal - Ms. Sita Rai Gurung;\n"
            "Fiji (Survivors) - Ms. Mere Naivalu; Oman - Mr. Said Harthi; Tonga - Ms. Ana Fifita\n",
            ("MLT", "Luis Soto"),
            ("OMN", "Mere Naivalu"),
            ("TON", "Said Harthi"),
        ),
        trap(
            "| Item | Delegation |\n|---|---|\n| B. Clearance | Ghana |\n| C. Transparency | "
            "Chile |\n",
            ("GHA", "B. Clearance"),
            ("CHL", "C. Transparency"),
        ),
    ),
)
def listed_fields(view: View, known: Known) -> Iterator[Fact]:
    for row in view.group("rows"):
        if row.label_ not in ("contents", "pipe", "columns", "delimited"):
            continue
        cells = view.in_("cells", row.start_char, row.end_char)
        for position, cell in enumerate(cells):
            persons = view.within(cell.start_char, cell.end_char, "person")
            if len(persons) != 1 or not identifies(persons[0]):
                continue
            actor = _first_affiliation(view, cells[position + 1 :])
            if actor is None and row.label_ != "contents":
                actor = _delegation_before(view, cells[:position])
            if actor is not None:
                yield delegate(view, persons[0], actor)


def _delegation_before(view: View, cells) -> Mention | None:
    """A table row that gives the delegation before the person ("Clearance | 2030-2032 |
    Ghana | Mr. Kofi Owusu"): the one cell before that holds an actor and nothing else."""
    alone = []
    for cell in cells:
        if view.within(cell.start_char, cell.end_char, "person"):
            return None
        actors = view.actors(cell.start_char, cell.end_char)
        rest = (
            view.text[cell.start_char : actors[0].start] + view.text[actors[0].end : cell.end_char]
            if len(actors) == 1
            else "?"
        )
        if not rest.strip(" .,;:-–—()"):
            alone.append(actors[0])
    return alone[0] if len(alone) == 1 else None


def _first_affiliation(view: View, cells) -> Mention | None:
    for cell in cells:
        if view.within(cell.start_char, cell.end_char, "person"):
            return None
        for actor in view.actors(cell.start_char, cell.end_char):
            if not POSTED_TO.search(view.text[cell.start_char : actor.start]):
                return actor
    return None


CONTACT_LINE = casefree.compile(
    r"(?i)\b(?:contact(?:\s+details|\s+persons?|s)?|focal\s+points?)\s+(?:at|of|for|in)\s+(?:the\s+)?$"
)


@rule(
    "delegates.contact-list",
    1,
    DelegateFact,
    "People listed under a line naming their organization: 'Contact details at ICRC:' "
    "then 'Name, Function' lines.",
    examples=(
        example(
            "Contact details at ICRC:\nMarta Gil, Legal Adviser\nJon Park, Regional Delegate\n",
            ("ICRC", "Marta Gil"),
            ("ICRC", "Jon Park"),
        ),
        example(
            "Focal points at UNDP:\nMs. Lina Haddad, Programme Officer (based in Amman)\n",
            ("UNDP", "Lina Haddad"),
        ),
        example(
            "Contact details at the ICRC:\n\nPaul Weber, Legal Adviser,\n\nDocuments:\n",
            ("ICRC", "Paul Weber"),
        ),
        trap(
            "Contact details at ICRC:\n\nThe workshop thanked Marta Gil, Legal Adviser of Chile.",
            ("ICRC", "Marta Gil"),
        ),
    ),
)
def contact_list(view: View, known: Known) -> Iterator[Fact]:
    for actor in view.actors(0, len(view.text)):
        line_start = view.text.rfind("\n", 0, actor.start) + 1
        if not CONTACT_LINE.search(view.text[line_start : actor.start]):
            continue
        # The names may follow after a blank line ("Contact details at CMC:\n\nName, ...").
        block_start = (
            actor.end + len(view.text[actor.end :]) - len(view.text[actor.end :].lstrip(":\n \t"))
        )
        block_end = view.text.find("\n\n", block_start)
        block_end = len(view.text) if block_end == -1 else block_end
        for person in view.within(actor.end, block_end, "person"):
            person_line = view.text.rfind("\n", 0, person.start) + 1
            lead = view.text[person_line : person.start]
            if identifies(person) and not re.search(r"[a-z]{3}", lead):
                yield delegate(view, person, actor)


ON_BEHALF = re.compile(r"(?i)\bon\s+behalf\s+of\s+(?:the\s+)?$")


@rule(
    "delegates.on-behalf",
    1,
    DelegateFact,
    "A person who spoke on behalf of an actor, in the same clause: 'Advocate Jane Roe "
    "asked in her statement ... on behalf of CMC'.",
    examples=(
        example(
            "Ban Advocate Sara Lund asked in her statement on universalization on behalf of "
            "the CMC whether more could be done.",
            ("CMC", "Sara Lund"),
        ),
        example("Ms. Eva Ruiz spoke on behalf of Ecuador.", ("ECU", "Eva Ruiz")),
        trap(
            "Mr. Lars Berg spoke on behalf of Norway, Sweden and Finland.",
            ("NOR", "Lars Berg"),
        ),
        trap(
            "Ms. Eva Ruiz thanked Chile. Peru spoke on behalf of Ecuador.",
            ("ECU", "Eva Ruiz"),
        ),
    ),
)
def on_behalf(view: View, known: Known) -> Iterator[Fact]:
    for person in view.within(0, len(view.text), "person"):
        if not identifies(person):
            continue
        sentence = view.sentence_at(person.start)
        for actor in view.actors(person.end, sentence.end):
            if not ON_BEHALF.search(view.text[max(person.end, actor.start - 30) : actor.start]):
                continue
            between = view.text[person.end : actor.start]
            others = view.within(person.end, actor.start, "person", "state", "org")
            if not others and not re.search(r"[;:]", between) and not _listed_with(view, actor):
                yield delegate(view, person, actor)
            break


@rule(
    "delegates.signature",
    1,
    DelegateFact,
    "A signature block: a line holding only a name (with its honorifics), the next line the "
    "function it holds for an actor ('Ambassador Name' / 'Permanent Representative of Actor').",
    examples=(
        example(
            "Please accept the assurances of my highest consideration.\n\n(signed)\n"
            "Ambassador Ines Moreau\nPermanent Representative of France\n",
            ("FRA", "Ines Moreau"),
        ),
        example(
            "Yours sincerely,\n\nDr. Paul Okoye\nDirector, Implementation Support Unit\n",
            ("ISU", "Paul Okoye"),
        ),
        trap(
            "We met with the following people:\nMs. Ana Ruiz\nPeru and Chile then spoke.\n",
            ("PER", "Ana Ruiz"),
        ),
    ),
)
def signature(view: View, known: Known) -> Iterator[Fact]:
    for person in view.within(0, len(view.text), "person"):
        if not identifies(person) or not _alone_on_its_line(view, person):
            continue
        next_start = view.text.find("\n", person.end) + 1
        if not next_start:
            continue
        next_end = view.text.find("\n", next_start)
        next_end = len(view.text) if next_end == -1 else next_end
        line = view.text[next_start:next_end]
        actors = view.actors(next_start, next_end)
        if (
            actors
            and view.has_cue("function", next_start, actors[0].start)
            and re.match(r"\s*[A-Z]", line)
        ):
            yield delegate(view, person, actors[0])


# Signature columns side by side are cut by a run of spaces (or a tab) between them.
COLUMN_GAP = re.compile(r"[ ]{3,}|\t+")
COLUMN_SLACK = 3  # characters a column's lines may stray from its name's start
SIGNATURE_LINES = 3  # the function and the mission under a name


@rule(
    "delegates.signature-columns",
    1,
    DelegateFact,
    "Signature blocks side by side: a line of names in columns, and under each name, in its "
    "column, the function or mission it holds for an actor ('Ms. A        Mr. B' / "
    "'Counsellor        Counsellor' / 'Permanent Mission of X        Permanent Mission of Y').",
    examples=(
        example(
            "Signed\n\nMs. Ana Paz                       Mr. Luis Soto\n"
            "Counsellor                        First Secretary\n"
            "Permanent Mission of Peru         Permanent Mission of Chile\n",
            ("PER", "Ana Paz"),
            ("CHL", "Luis Soto"),
        ),
        example(
            "With our highest consideration,\n\nMr. Kofi Owusu\t\tMs. Ida Berg\n"
            "Ambassador of Ghana\t\tDirector, Implementation Support Unit\n",
            ("GHA", "Kofi Owusu"),
            ("ISU", "Ida Berg"),
        ),
        trap(
            "Signed\n\nMs. Rosa Diaz                 Mr. Jan Novak\n"
            "Counsellor                   Permanent Mission of Chile\n",
            ("CHL", "Rosa Diaz"),
        ),
    ),
)
def signature_columns(view: View, known: Known) -> Iterator[Fact]:
    for person in view.within(0, len(view.text), "person"):
        if not identifies(person):
            continue
        line_start = view.text.rfind("\n", 0, person.start) + 1
        line_end = _line_end(view, person.end)
        cells = _cells(view.text, line_start, line_end)
        own = [c for c in cells if c[0] <= person.start < c[1]]
        if len(cells) < 2 or not own or not _only_the_name(view, person, *own[0]):
            continue
        actor = _actor_in_column(
            view, line_end, own[0][0] - line_start, cells.index(own[0]), len(cells)
        )
        if actor is not None:
            yield delegate(view, person, actor)


def _line_end(view: View, position: int) -> int:
    end = view.text.find("\n", position)
    return len(view.text) if end == -1 else end


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The columns of text[start:end]: (start, end) of each stretch between column gaps."""
    cells, cell_start = [], start
    for gap in COLUMN_GAP.finditer(text, start, end):
        if text[cell_start : gap.start()].strip():
            cells.append((cell_start, gap.start()))
        cell_start = gap.end()
    if text[cell_start:end].strip():
        cells.append((cell_start, end))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in cells]


def _only_the_name(view: View, person: Mention, start: int, end: int) -> bool:
    return honorific_start(view, person) <= start + 1 and not view.text[person.end : end].strip(
        " ,"
    )


def _actor_in_column(
    view: View, line_end: int, column: int, index: int, count: int
) -> Mention | None:
    """The actor that a function or mission names in the column under a name, on the lines
    below it up to a blank line: the cell at the same place, or in a line of as many cells
    (tabs do not align), at the same rank."""
    position = line_end
    for _ in range(SIGNATURE_LINES):
        start = position + 1
        if start >= len(view.text):
            return None
        end = _line_end(view, start)
        if not view.text[start:end].strip():
            return None
        cells = _cells(view.text, start, end)
        for rank, (cell_start, cell_end) in enumerate(cells):
            aligned = abs(cell_start - start - column) <= COLUMN_SLACK
            if not aligned and not (len(cells) == count and rank == index):
                continue
            actors = view.actors(cell_start, cell_end)
            if actors and (
                view.has_cue("function", cell_start, actors[0].start)
                or view.has_cue("mission", cell_start, actors[0].start)
            ):
                return actors[0]
        position = end
    return None


def _listed_with(view: View, actor: Mention) -> bool:
    """The actor opens a list of actors ("on behalf of Norway, Sweden and Finland"): who
    speaks for them all represents no one of them."""
    following = view.actors(actor.end, min(len(view.text), actor.end + 60))
    return bool(following) and bool(
        re.fullmatch(r"\s*(?:,|and|&)\s*(?:the\s+)?", view.text[actor.end : following[0].start])
    )


def _alone_on_its_line(view: View, person: Mention) -> bool:
    start = honorific_start(view, person)
    line_start = view.text.rfind("\n", 0, start) + 1
    line_end = view.text.find("\n", person.end)
    line_end = len(view.text) if line_end == -1 else line_end
    return not view.text[line_start:start].strip(" \t•*-") and not view.text[
        person.end : line_end
    ].strip(" \t,")


@rule(
    "delegates.statement",
    1,
    DelegateFact,
    "The person who delivered a statement ('Statement of the ICRC / delivered by Mr. Name, "
    "Legal Adviser'; 'Statement by Ms. Name, Director, on behalf of Actor') represented the "
    "actor it speaks for.",
    examples=(
        example(
            "Statement of the International Committee of the Red Cross\ndelivered by Ms. Ines "
            "Moreau, Legal Adviser\n\nMr. President,",
            ("ICRC", "Ines Moreau"),
        ),
        example(
            "Statement by Mr. Omar Said, Deputy Permanent Representative, on behalf of the "
            "Kingdom of Morocco\n\nMadam President,",
            ("MAR", "Omar Said"),
        ),
        trap(
            "Ninth Meeting of States Parties\nGeneva, 1 September 2021\n\nJoint statement\non "
            "behalf of Chile, Peru and Mexico\ndelivered by Ms. Ana Paz, Permanent Mission of "
            "Peru\n\nMr. President,",
            ("CHL", "Ana Paz"),
        ),
        trap(
            "Norway Statement\n\nWe thank Ms. Ines Moreau of the ICRC and Mr. Omar Said for "
            "their work.",
            ("NOR", "Ines Moreau"),
            ("NOR", "Omar Said"),
        ),
    ),
)
def statement(view: View, known: Known) -> Iterator[Fact]:
    heading = statements.heading(view)
    if heading is None or len({actor.key for actor in heading.speaking_for}) != 1:
        return
    for person in statements.speakers(view, heading):
        if identifies(person):
            yield delegate(view, person, heading.speaking_for[0])
