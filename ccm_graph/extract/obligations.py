"""Obligations: where a State stands on an obligation of the Convention, read from wording.

Three ways a record ties a State to an event:
- a phrase with the State as its agent: "Peru completed the destruction of its stockpiles",
  "Norway congratulated Peru for complying with its Article 3 obligations", "Chad submitted
  its initial draft extension request", "Ghana and Lesotho submitted their Article 7
  reports" -- the agent is the nearest State before the phrase in its sentence, unless a
  group ("States Parties", "the Coordinators", an organization) stands in between;
- a group followed by its members: "States Parties with overdue Initial Transparency
  Reports - Rwanda, Tunisia and Togo", "States with Article 4 obligations as follows:" and
  a block of "Chad: ..." lines, "extension requests from Chad, Germany and Lao PDR";
- a noun whose agents follow it: "the completion of stockpile destruction by Bulgaria and
  Slovakia", "the declarations of completion by Peru of their ... obligations", "the request
  submitted by Chad for an extension of its deadline";
- a heading naming the event ("6.6 Article 4 Extension Requests", "Meetings with States
  with Outstanding Article 7 and 9 Obligations") over a body listing the States.
The article is the number written, else the topic (stockpile destruction 3, clearance 4,
victim assistance 5, transparency reports 7, national implementation 9).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ccm_graph.extract import articles, statements
from ccm_graph.extract.guards import clause_of, names_other_instrument
from ccm_graph.extract.rules import Known, example, rule, trap
from ccm_graph.extract.view import Mention, Segment, View
from ccm_graph.model import Fact, ObligationEvent, ObligationFact
from ccm_graph.nlp import casefree, vocab

Event = ObligationEvent
WORDS = r"(?:[\w()-]+\s+)"
ARTICLE_NO = (
    rf"(?:CCM\s+)?(?:{articles.WORD}|Arts?\.?)\s*\d{{1,2}}(?:\.\d+)?(?:\s*(?:,|and|&)\s*\d{{1,2}})*"
)
TOPIC_WORDS = (
    rf"(?:{ARTICLE_NO}|clearance|stockpile\s+destruction|destruction|victim\s+assistance|"
    r"transparency|reporting|national\s+implementation(?:\s+measures)?|NIM|legislative)"
)
TOPICS: list[tuple[re.Pattern[str], int]] = [
    # Destruction of remnants is clearance (Article 4), not stockpile destruction.
    (
        re.compile(
            r"(?i)stockpil|\bstocks?\b|destr(?:uction|oy)(?!\w*\s+of\s+(?:cluster\s+munition\s+)?remnants)"
            r"|retained|retention"
        ),
        3,
    ),
    (re.compile(r"(?i)clearance|\bclear(?:ed|ing)?\b|contaminat|remnants|\bsurvey"), 4),
    (re.compile(r"(?i)victim\s+assistance|\bVA\b"), 5),
    # Article 7 asks for an initial report, then annual updates.
    (re.compile(r"(?i)transparency|\breport(?:s|ing)?\b|\bannual\s+updates?\b"), 7),
    (
        re.compile(
            r"(?i)national\s+implementation|legislat|\bNIM\b|domestic\s+law|draft\s+laws?\b"
        ),
        9,
    ),
]
# Phrases whose agent is a State, with the event they state.
AGENT_PHRASES: list[tuple[Event, casefree.CaseFreePattern]] = [
    (
        Event.COMPLETED,
        casefree.compile(
            r"(?i)\b(?:completed|completing|completion\s+of|finished|finali[sz]ed|concluded)\s+"
            rf"(?:(?:the\s+|its\s+|their\s+)?{WORDS}{{0,2}}?(?:destruction|clearance)\b"
            # "had finished destroying their stockpiles", "completed clearing its land"
            r"|(?:destroying|clearing)\s+(?:all\s+)?(?:of\s+)?(?:its|their)\s+(?:[\w-]+\s+){0,2}?"
            r"(?:stockpiles?|stocks|cluster\s+munitions|remnants|land|areas)\b)"
            # "declared the completion of its clearance", "its declaration of completion of
            # its Article 3 obligations", "informed the conclusion of the destruction"
            r"|\b(?:declar(?:ed|ing|ations?\s+of)|announc(?:ed|ing)|informed(?:\s+of)?)\s+"
            r"(?:the\s+)?(?:conclusion|completion|accomplishment|end)\s+of\s+"
            r"(?:the\s+|its\s+|their\s+)?"
            rf"{WORDS}{{0,3}}?(?:destruction|clearance|obligations?)\b"
            r"|\b(?:declared|declaring|declaration\s+of|achieved|reached)\s+(?:its\s+)?compliance\b"
            rf"(?:\s+with\s+(?:its\s+|their\s+)?(?:obligations\s+under\s+)?{TOPIC_WORDS}"
            r"(?:\s+obligations?)?)?"
            r"|\b(?:compliance|complying|complied|completed|fulfil+(?:ed|ment)?|met|"
            r"(?<!in\s)(?<!towards\s)(?:meeting|fulfil+ing)|discharg(?:ed|ing))\s+(?:with\s+|of\s+)?(?:all\s+)?"
            r"(?:its|their)\s+"
            rf"{WORDS}{{0,3}}?obligations?\b"
            rf"|\bcompl(?:iance|ying|ied)\s+with\s+(?:its\s+obligations\s+under\s+)?{ARTICLE_NO}"
            r"|\bdestroyed\s+(?:all\s+)?(?:of\s+)?(?:its|their)\s+(?:entire\s+)?"
            r"(?:stockpiles?|stockpiled\s+cluster\s+munitions|cluster\s+munitions)\b"
        ),
    ),
    (
        Event.EXTENSION_REQUEST,
        casefree.compile(
            r"(?i)(?:\b(?:its|their)|['’]s)\s+"
            rf"{WORDS}{{0,3}}?(?:deadline\s+)?extension\s+requests?\b"
            r"|\b(?:submit(?:s|ted|ting)?|present(?:s|ed|ing)?|provid(?:es|ed|ing)|"
            r"prepar(?:e|es|ed|ing)|draft(?:s|ed|ing)?|sen[dt]|fil(?:e|es|ed|ing))\s+"
            rf"(?:an?|its|their)\s+{WORDS}{{0,3}}?(?:deadline\s+)?extension\s+requests?\b"
            # "requests a second extension", "would seek a further extension"
            r"|\b(?:request(?:s|ed|ing)?|seek(?:s|ing)?|sought)\s+(?:for\s+)?an?\s+"
            r"(?:(?:first|second|third|fourth|fifth|further|new|additional)\s+)?extension\b"
            r"|\brequest(?:s|ed|ing)?\s+to\s+extend\b"
            # "deposited its demand of prolongation of the delay": French "prolongation"
            r"|\b(?:demand|request)s?\s+(?:of|for)\s+(?:an?\s+|the\s+)?prolongation\s+of\s+"
            r"(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?:delay|deadline|time\s+limit)s?\b"
            # "they would submit requests in 2021" after a sentence on extension requests
            r"|(?P<bare>\b(?:submit(?:s|ted|ting)?|present(?:s|ed|ing)?|prepar(?:e|es|ed|ing)|"
            r"sen[dt]|fil(?:e|es|ed|ing))\s+(?:an?\s+|its\s+|their\s+)?(?:own\s+|new\s+|"
            r"revised\s+|further\s+)?requests?\b(?!\s+(?:for|to|on|from|of)\b))"
        ),
    ),
    (
        Event.OVERDUE,
        casefree.compile(
            r"(?i)\b(?:its|their)\s+(?:overdue|outstanding|late)\s+"
            rf"{WORDS}{{0,3}}?(?:reports?|obligations?)\b"
            r"|\bnot\s+(?:yet\s+)?(?:submitted|provided)\s+(?:its|their|an?)\s+"
            rf"{WORDS}{{0,3}}?reports?\b"
            r"|\breports?\s+(?:is|are|was|were|remains?|remained)\s+(?:still\s+)?"
            r"(?:overdue|outstanding|late|in\s+retard)\b"
            # "the initial reports of 11 States Parties remain overdue, including X and Y"
            r"|\breports?\s+of\s+(?:\d+|[a-z]+)\s+(?:other\s+)?States(?:\s+Parties)?\s+(?:is|are|remain|"
            r"remained|were)\s+(?:still\s+)?(?:overdue|outstanding|late|in\s+retard)\b"
            # "whose initial report has been due since 2011", "its initial report, now overdue",
            # "have never submitted an initial Article 7 report"
            r"|\breports?\s+(?:has|have)\s+been\s+due\s+since\b"
            r"|\b(?:its|their)\s+(?:initial\s+|annual\s+)?(?:transparency\s+|Article\s+7\s+)?"
            r"reports?,\s+(?:now|already|long)\s+(?:overdue|outstanding|late)\b"
            # "is now overdue with its annual update"
            r"|\b(?:is|are|was|were|remains?)\s+(?:now\s+|still\s+)?(?:overdue|late)\s+(?:for|with)\s+"
            r"(?:its|their)\s+(?:initial\s+|annual\s+)?(?:transparency\s+|Article\s+7\s+)?"
            r"(?:reports?|updates?)\b"
            r"|\bnever\s+(?:submitted|provided)\s+(?:an?|its|their)\s+"
            rf"{WORDS}{{0,3}}?reports?\b"
            # "the initial report of Somalia under Article 7 remains overdue"
            r"|(?P<report_of>\breports?\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+(?:and\s+(?:of\s+)?)?){1,7}?"
            r"(?:under\s+Article\s+7\s+)?(?:is|are|was|were|remains?|remained)\s+(?:still\s+)?"
            r"(?:overdue|outstanding|late))\b"
        ),
    ),
    (
        Event.SUBMITTED,
        casefree.compile(
            r"(?i)(?<!not\s)(?<!not\syet\s)(?<!never\s)\b(?:submitted|provided|presented|delivered|"
            r"transmitted|sent|filed|lodged)\s+(?:its|their|our|an?|the)\s+"
            rf"(?:{WORDS}{{0,2}}?(?:initial|annual|first|transparency|{ARTICLE_NO})\s+)+"
            r"(?:transparency\s+)?reports?\b"
            # "Rwanda's Article 7 report for 2017 was submitted", "our Article 7 report, which we
            # submitted"
            r"|['’]s\s+(?:initial\s+|annual\s+)?(?:transparency\s+|Article\s+7\s+)reports?\s+"
            r"(?:for\s+\d{4}\s+)?(?:was|were|has\s+been|had\s+been)\s+(?:duly\s+)?submitted\b"
            r"|\b(?:our|its|their)\s+(?:initial\s+|annual\s+)?(?:transparency|Article\s+7)\s+"
            r"reports?,\s+which\s+(?:we|it|they)\s+(?:have\s+|had\s+)?submitted\b"
            # "reported retained munitions in their Article 7 reports"
            r"|(?P<inside>\b(?:in|according\s+to|through)\s+(?:its|their)\s+(?:latest\s+|"
            r"most\s+recent\s+|initial\s+|annual\s+|\d{4}\s+)*"
            rf"(?:{ARTICLE_NO}|transparency)\s+reports?\b)"
            # "... reports under Article 7, and we welcome that Lebanon submitted its report"
            r"|(?P<bare_report>(?<!not\s)(?<!never\s)\bsubmitted\s+(?:its|their)\s+reports?\b)"
        ),
    ),
    (
        Event.OBLIGATION,
        casefree.compile(
            r"(?i)\b(?:its|their|our)\s+(?:remaining\s+|current\s+|own\s+)?"
            rf"{TOPIC_WORDS}\s+(?:extended\s+)?(?:obligations?|implementation|deadlines?)\b"
            # "Chad's Article 4 deadline is 1 May 2030"
            rf"|['’]s\s+(?:current\s+|extended\s+)?{TOPIC_WORDS}\s+deadlines?\b"
            # "Its original deadline under Article 4 was ...", not one it met or beat
            r"|(?<!met\s)(?<!of\s)(?<!before\s)\b(?:its|their)\s+(?:original\s+|current\s+|"
            rf"extended\s+)?deadlines?\s+under\s+{ARTICLE_NO}"
            r"|\b(?:has|have|had|having|remains?\s+with|remained\s+with)\s+(?:still\s+)?(?:an?\s+)?"
            rf"(?:remaining\s+|current\s+)?{TOPIC_WORDS}\s+obligations?\b"
            # "has an obligation to complete the destruction of all its stockpiles"
            r"|\b(?:has|have|had|having)\s+(?:an?\s+)?obligations?\s+to\s+(?:complete|finish|"
            r"fulfil+|meet|destroy|clear)\s+(?:\w+\s+){0,4}?(?:destruction|clearance|stockpiles?|"
            r"remnants|areas)\b"
            r"|\b(?:has|have|had|having)\s+(?:still\s+)?(?:remaining\s+|current\s+)?obligations?\s+"
            rf"(?:under|in\s+relation\s+to|relating\s+to)\s+{TOPIC_WORDS}"
            # "still has to complete the destruction", "is yet to finish clearance"
            r"|\b(?:(?:has|have|had|needs?|needed)\s+(?:still\s+|yet\s+)?|"
            r"(?:is|are|was|were|remains?)\s+(?:still\s+)?yet\s+)to\s+"
            r"(?:complete|finish|finali[sz]e|fulfil+|meet|destroy|clear)\s+"
            rf"{WORDS}{{0,4}}?(?:destruction|clearance|stockpiles?|obligations?|remnants)\b"
            # "their ongoing destruction programmes", "destroyed 80 per cent of its stockpile"
            # "have draft laws before Parliament": national implementation under way
            r"|\b(?:has|have|had)\s+(?:an?\s+|its\s+|their\s+)?draft\s+(?:laws?|legislation|bills?)\b"
            r"|\b(?:its|their)\s+(?:ongoing|remaining|current)\s+(?:stockpile\s+)?"
            r"(?:destruction|clearance)\s+(?:programmes?|programs?|operations?|efforts|work|plans?)\b"
            r"|\bdestroyed\s+(?:about\s+|some\s+|nearly\s+|almost\s+|over\s+|close\s+to\s+)?"
            r"\d+(?:\.\d+)?\s*(?:per\s*cent|%)\s+of\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,2}?"
            r"(?:stockpiles?|stocks|cluster\s+munitions)\b"
            # "are still destroying their stocks", "is still clearing its contaminated land"
            r"|\bstill\s+(?:destroying|clearing)\s+(?:its|their)\s+(?:[\w-]+\s+){0,2}?"
            r"(?:stocks?|stockpiles?|cluster\s+munitions|remnants|land|areas)\b"
            # "Bulgaria's stockpile destruction is already two years behind"
            r"|\b(?:destruction|clearance)\s+(?:is|was|remains)\s+(?:already\s+|still\s+)?"
            r"(?:[\w-]+\s+){0,3}?behind\b"
            # "as they pursue clearance under Article 4"
            r"|\b(?:pursu(?:e|es|ing)|engaged\s+in)\s+"
            r"(?:its\s+|their\s+)?(?:clearance|(?:stockpile\s+)?destruction)\b"
            # "the remaining 38 per cent of its stockpile", "the remaining 2 km2 of hazardous area"
            r"|\bremaining\s+\d+(?:[.,]\d+)?\s*(?:per\s*cent|%|km2|km²|square\s+kilomet(?:re|er)s|"
            r"hectares)\s+of\s+(?:its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:stockpiles?|stocks|"
            r"cluster\s+munitions|(?:hazardous|contaminated)\s+areas?|contamination)\b"
            # "is implementing its Article 4 obligations", "challenges in meeting its obligations"
            r"|\b(?:implement(?:s|ing)?|pursu(?:es|ing)|(?:in|towards)\s+(?:meeting|fulfil+ing)|"
            r"working\s+to\s+meet)\s+"
            rf"(?:all\s+)?(?:its|their)\s+{WORDS}{{0,3}}?obligations?\b"
            # "will not be able to complete clearance", "is expected to complete destruction",
            # "We call on Bulgaria to complete the destruction of its stocks"
            r"|\b(?:will\s+not\s+be\s+able|(?:is|are|was|were)\s+unable|expect(?:s|ed)?|plans?|"
            r"planned|intends?|aims?|on\s+track|(?P<called>(?:call(?:s|ed)?\s+(?:up)?on|urge[sd]?)\s+"
            r"(?:[\w'’-]+\s+){1,4}?))\s*to\s+(?:complete|finish)\s+"
            rf"{WORDS}{{0,3}}?(?:destruction|clearance)\b"
        ),
    ),
]
# For each event, a word every one of its phrases in AGENT_PHRASES holds.
PHRASE_WORDS: dict[Event, casefree.CaseFreePattern] = {
    Event.COMPLETED: casefree.compile(
        r"(?i)complet|compl[iy]|finish|finali[sz]|conclu|fulfil|meet|\bmet\b|discharg|destroyed"
    ),
    Event.EXTENSION_REQUEST: casefree.compile(r"(?i)extension|request|prolongation"),
    Event.OVERDUE: casefree.compile(
        r"(?i)overdue|outstanding|\blate\b|\bnot\s|\bdue\s+since|never|retard"
    ),
    Event.SUBMITTED: casefree.compile(r"(?i)report"),
    Event.OBLIGATION: casefree.compile(
        r"(?i)obligation|implementation|deadline|\bto\s+(?:complete|finish|finali|fulfil|meet|"
        r"destroy|clear)|destroyed|ongoing|remaining|current|still\s+(?:destroying|clearing)|pursu"
        r"|behind|engaged|draft"
    ),
}
# A word every phrase of AGENT_PHRASES holds.
EVENT_WORDS = casefree.compile(
    r"(?i)complet|compl[iy]|finish|finali[sz]|conclu|declar|achiev|reach|fulfil|meet|met\b|"
    r"discharg|destr|extension|request|extend|overdue|outstanding|late\b|not\s+(?:yet\s+)?"
    r"(?:submitted|provided)|report|obligation|implementation|deadline|submit|provid|present|"
    r"deliver|transmit|sent|filed|lodged|clear|remnant|due\s+since|never|behind|pursu|retard|"
    r"engaged|draft|prolongation"
)
# A group of States introducing its members: "States Parties with Article 4 obligations".
GROUP = casefree.compile(
    r"(?i)\b(?:States(?:\s+Parties)?|countries)\s+(?:still\s+)?(?:with|having|"
    r"(?:that\s+|which\s+|who\s+)?(?:still\s+)?ha(?:ve|s|d))\s+(?P<what>(?:[\w()-]+\s+){0,7}?(?:obligations?|reports?|deadlines?|"
    r"extension\s+requests?))\b"
)
# States named as the group of a victim assistance obligation: "States Parties that have
# reported having cluster munition victims: Afghanistan, Albania, ...".
VICTIM_GROUP = casefree.compile(
    r"(?i)\b(?:States(?:\s+Parties)?|countries)\s+(?:(?:that|which|who)\s+)?(?:(?:have|has|had)\s+)?"
    r"(?:(?:reported|declared|indicated|acknowledged|recogni[sz]ed)\s+)?(?:having|with|ha(?:ve|s|d))\s+"
    r"(?:[\w-]+\s+){0,3}?(?:victims|survivors)\b"
    # Article 5's own words, then the list: "..., among them X" or ". Those States are: X"
    r"(?:\s+in\s+areas\s+under\s+their\s+jurisdiction\s+or\s+control)?"
    r"(?:\s*\.\s+(?:Those|These|They)\s+(?:States(?:\s+Parties)?\s+)?(?:are|include)\b)?"
)
# A nominal completion whose agent follows: "the completion of stockpile destruction by
# Bulgaria and Slovakia", "declarations of completion by Peru and South Africa of their
# stockpile destruction obligations", "compliance with Article 4 by Croatia".
COMPLETION_BY = casefree.compile(
    r"(?i)\b(?:completion|compliance|fulfil+ment)"
    r"(?:\s+(?:of|with)\s+(?:the\s+|its\s+|their\s+)?(?P<what>"
    rf"{WORDS}{{0,4}}?(?:destruction|clearance|obligations?|{ARTICLE_NO})"
    rf"(?:\s+under\s+{ARTICLE_NO})?"
    r"(?:\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}?(?:stockpiles?|munitions|"
    r"remnants|areas))?))?\s+by\s+"
)
# A completion still to come: "the expected completion of clearance by Chad".
PLANNED = re.compile(
    r"(?i)\b(?:expected|planned|anticipated|projected|envisaged|foreseen|scheduled|estimated|"
    r"targeted|target|timeline\s+for|deadline\s+for|date\s+for|towards?|progress\s+(?:in|on))\s+"
    r"(?:the\s+)?(?:declarations?\s+of\s+)?$"
)
OF_THEIR = re.compile(
    r"(?i)\s+(?:of|with)\s+(?:its|their)\s+(?P<what>"
    rf"{WORDS}{{0,4}}?(?:obligations?|(?:destruction|clearance)(?:\s+obligations?)?)"
    rf"(?:\s+under\s+{ARTICLE_NO})?)"
)
# A request whose authors follow: "the request submitted by Chad for an extension of its
# deadline", "the requests for an extension ... submitted by Germany and by Lao PDR",
# "the request of Germany for an extension".
REQUEST_BY = casefree.compile(
    r"(?i)\b(?:requests?\s+(?:(?:submitted|presented|made|received)\s+)?|"
    r"(?:submitted|presented|made)\s+)(?:from|by|of)\s+"
)
REQUEST_WORD = re.compile(r"(?i)\brequests?\b")
REQUEST_REACH = 160
REQUESTS_FROM = casefree.compile(
    r"(?i)\bextension\s+requests?\s+(?:(?:submitted|presented)\s+)?(?:from|by|of)\s+"
    # "the extension request that Chad plans to submit", "the request which Peru submitted"
    r"|\b(?:extension\s+)?requests?\s+(?P<relative>that|which)\s+(?:the\s+)?"
)
# The verb of a relative clause whose subject submits the request.
SUBMITS_AFTER = re.compile(
    r"\s+(?:(?:plans|intends|expects|is\s+(?:preparing|about|going))\s+to\s+|will\s+|would\s+|"
    r"has\s+|had\s+)?(?:submit(?:s|ted)?|present(?:s|ed)?|sen[dt]s?|fil(?:es|ed))\b",
    re.I,
)
# States named after what remains for them: "Article 3 obligations remain for Peru and Chad".
REMAIN_FOR = casefree.compile(
    rf"(?i)\b(?P<what>(?:{ARTICLE_NO}|clearance|stockpile\s+destruction|destruction)\s+"
    r"obligations?)\s+(?:still\s+)?remain(?:s|ed)?\s+(?:for|with)\s+"
)
HEADING_REQUESTS = casefree.compile(
    rf"(?i)(?:{ARTICLE_NO}\s+)?(?:deadline\s+)?extension\s+requests?"
    r"|\brequests?\s+(?:for\s+(?:more|additional|further)\s+time|for\s+(?:an?\s+)?extensions?|"
    r"to\s+extend)\b"
)
OVERDUE_WORDS = re.compile(
    r"(?i)\b(?:overdue|outstanding|late|pending|(?:still\s+)?awaited|in\s+retard|"
    r"not\s+(?:yet\s+)?(?:submitted|provided))\b"
)
LIST_OPENER = re.compile(
    r"\s*(?:as\s+follows)?\s*(?:[:(\-–—]|,?\s*(?:namely|such\s+as|including|among\s+(?:them|which)|"
    r"notably|in\s+particular|i\.e\.,?|e\.g\.,?)(?:\s+those\s+of)?\b:?"
    r"|\s(?:are|were|include[sd]?|comprise[sd]?)\b:?)\s*"
)
# A list after an event phrase: "reports remained outstanding, including those of X and Y".
FOLLOWING_LIST = re.compile(
    r"\s*,?\s*(?:including|among\s+(?:them|which|others)|notably|in\s+particular|namely|from"
    r"|of\s+which)"
    r"(?:\s+(?:those|that|the\s+\w+)\s+of)?\s*:?\s*",
    re.I,
)
# States named as the owners of reports: "the initial Article 7 reports of Cameroon and Chad
# were overdue", "reports under Article 7 from Rwanda remained outstanding".
REPORTS_OF = casefree.compile(
    rf"(?i)\breports?\s+(?:(?:due\s+)?under\s+{ARTICLE_NO}\s+)?(?:due\s+)?(?P<submitted>submitted\s+)?"
    r"(?:from|of|by)\s+"
)
TRANSPARENCY_REPORT = re.compile(
    rf"(?i)\b(?:{ARTICLE_NO}|transparency|initial|annual)\s+(?:\w+\s+){{0,2}}?reports?\b"
    rf"|\breports?\s+under\s+{ARTICLE_NO}"
)
REPORTS_STATUS = re.compile(
    r"(?i)\s*,?\s*(?:(?:is|are|was|were|remains?|remained|ha(?:s|ve|d)\s+been)\s+(?:still\s+)?"
    r"(?P<overdue>overdue|outstanding|late|pending|awaited|"
    r"not\s+(?:yet\s+)?(?:been\s+)?(?:submitted|received|provided))"
    r"|ha(?:s|ve|d)\s+(?P<not_yet>not\s+(?:yet\s+)?been\s+(?:submitted|received|provided))"
    r"|(?:was|were|ha(?:s|ve|d)\s+been)\s+(?:duly\s+)?(?:submitted|received))\b"
)
LIST_GLUE = re.compile(
    r"\s*(?:,|;|&|\band\b|,\s*and\b|\bas\s+well\s+as\b|,?\s*\band\s+(?:by|from)\b)?\s*"
    r"(?:the\s+)?$",
    re.I,
)
# A sub-item or clause boundary between a State and a phrase: "(a) ... Sri Lanka;\n (b) the
# completion ...".
ITEM_BREAK = re.compile(r";|\n[ \t]*\(?[a-z0-9]{1,3}\)[ \t]")
FUTURE = re.compile(
    r"(?i)\b(?:to|will|would|shall|could|should|may|might|towards|not|yet)\s+(?:\w+ly\s+)?"
    r"(?:(?:achiev|reach|attain|ensur|be|get)\w*\s+(?:in\s+|full\s+)*)?$"
    # an infinitive: "expected to declare completion", "plans to announce compliance"
    r"|\bto\s+(?!(?:its|their|the|an?|this|that|all)\b)[a-z]+\s+$"
)
MODAL = re.compile(
    r"(?i)\b(?:will|would|shall|should|could|may|might|to|encouraged|invited|urged|requested|"
    r"reminded|asked|called)\b"
)
EXTENSION_WORDS = re.compile(r"(?i)\bextension|\bextend")
PURPOSE = re.compile(
    r"(?i)\b(?:deadlines?|time|plan|date|period|timeline|extension|request)\s+(?:\w+\s+){0,2}?for\s+$"
)
NOT_YET = re.compile(r"(?i)\b(?:not|never)\s+(?:yet\s+)?(?:\w+\s+){0,2}$")
EXTENDED = re.compile(r"(?i)\b(?:extension\s+of|extend(?:ing)?)\s+$")
# Words that make someone else the subject between a State and the phrase.
BLOCKERS = re.compile(
    r"(?i)\b(?:States?|countries|country|Coordinators?|Presidency|President|Director|ISU|Unit|"
    r"Committee|Group|Secretariat|Meeting|Conference|they|those)\b"
)
THAT_CLAUSE = re.compile(
    r"(?i)\bthat\b|\bhow\b(?=\s+(?:her|his|its|their|our)\s+country\b)"
    r"|\b(?:said|stated|confirmed|indicated|announced|noted|added|explained|reported|"
    r"declared|recalled)(?=\s+(?:it|they)\b)"
)
PRONOUN = re.compile(r"(?i)\b(?:it|they|its|their|(?:her|his|its|their|our)\s+country)\b")
NUMBERED_HEADING = re.compile(r"(?m)^[ \t#*_]*\d{1,2}(?:\.\d{1,2})*\.?[ \t]+\S")
MAX_AGENT_GAP = 160
SECTION_REACH = 3000


@dataclass(frozen=True)
class Found:
    actors: tuple[str, ...]
    articles: tuple[int, ...]
    event: Event
    start: int
    end: int


def facts(view: View, found: Iterator[Found]) -> Iterator[Fact]:
    """One fact per actor, article and event of each reading."""
    for reading in found:
        span = view.span(reading.start, reading.end)
        for actor in reading.actors:
            for article in reading.articles:
                yield ObligationFact(view.doc_id, span, actor, article, reading.event)


@rule(
    "obligations.nominal",
    1,
    ObligationFact,
    "A noun whose agents follow it: 'the completion of stockpile destruction by Bulgaria "
    "and Slovakia', 'the request submitted by Chad for an extension of its deadline'.",
    examples=(
        example(
            "The Meeting welcomed the completion of stockpile destruction by Chile and Peru.",
            ("CHL", 3, "completed"),
            ("PER", 3, "completed"),
        ),
        example(
            "The Meeting considered the request submitted by Chad for an extension of its "
            "deadline under Article 4.",
            ("TCD", 4, "extension-request"),
        ),
        trap(
            "The Meeting looked forward to the expected completion of clearance by Chile.",
            ("CHL", 4, "completed"),
        ),
    ),
    guards=("other-instrument",),
)
def nominal(view: View, known: Known) -> Iterator[Fact]:
    yield from facts(view, iter(nominal_readings(view)))


def nominal_readings(view: View) -> list[Found]:
    """The nominal events of the document, read once for the two rules that need them."""
    return view.memo("nominal_events", lambda: list(nominal_events(view)))


@rule(
    "obligations.agent",
    1,
    ObligationFact,
    "A phrase whose agent is the State before it in its sentence: 'Peru completed the "
    "destruction of its stockpiles', 'Chad submitted its initial extension request', "
    "'Ghana and Lesotho submitted their Article 7 reports', 'Iraq has a deadline to comply "
    "with its Article 4 obligations'; a pronoun takes the State back up ('Croatia informed "
    "the ISU that it completed ...').",
    examples=(
        example(
            "Peru completed the destruction of its stockpiled cluster munitions.",
            ("PER", 3, "completed"),
        ),
        example(
            "Tonga and Fiji had finished destroying their stocks of cluster munitions by 2029. "
            "Ecuador completed clearing its contaminated land in March, then informed the Unit.",
            ("TON", 3, "completed"),
            ("FJI", 3, "completed"),
            ("ECU", 4, "completed"),
        ),
        example(
            "Angola hereby requests a third extension of its deadline, until 1 May 2033. In May "
            "Chile announced that it would seek a further extension to finish clearance.",
            ("AGO", 4, "extension-request"),
            ("CHL", 4, "extension-request"),
        ),
        trap(
            "The Unit sought a new extension of its office lease, Cuba said. Sweden was overdue "
            "with its payments to the Unit for the year. Norway's report is due in May, and its "
            "deadline is a matter for the ISU.",
            ("CUB", 4, "extension-request"),
            ("SWE", 7, "overdue"),
            ("NOR", 7, "obligation"),
        ),
        example(
            "Iraq and Chad gave updates on their Article 4 extended deadlines and on survey "
            "work. Ghana's Article 3 deadline is 1 August 2031, and the Unit is helping it. "
            "Namibia and Samoa remain engaged in clearance under Article 4, the President said.",
            ("IRQ", 4, "obligation"),
            ("TCD", 4, "obligation"),
            ("GHA", 3, "obligation"),
            ("NAM", 4, "obligation"),
            ("WSM", 4, "obligation"),
        ),
        example(
            "Citing the cost, Peru asked for time to destroy the remaining 12 per cent of its "
            "stockpile. Malawi and Benin have draft legislation before their parliaments under "
            "Article 9. Lesotho is now overdue with its annual update, the Coordinator said.",
            ("PER", 3, "obligation"),
            ("MWI", 9, "obligation"),
            ("BEN", 9, "obligation"),
            ("LSO", 7, "overdue"),
        ),
        example(
            "Statement by Chile to the Tenth Meeting\n\nMr President, we submitted our initial "
            "transparency report in May and thank the Unit for its help.",
            ("CHL", 7, "submitted"),
        ),
        example(
            "Items discussed\n(a) Ghana submitted its annual Article 7 report on 2 May.\n(b) The "
            "Chair recalled the dates of the meeting of the Mine Ban Convention.\n",
            ("GHA", 7, "submitted"),
        ),
        example(
            "Burundi has declared the accomplishment of its obligations of stockpile destruction."
            " Madagascar said that Peru had deposited its demand of prolongation of the deadline "
            "under article 3.",
            ("BDI", 3, "completed"),
            ("PER", 3, "extension-request"),
        ),
        trap(
            "Senegal supported the request of prolongation of the mandate of the Unit.",
            ("SEN", 4, "extension-request"),
        ),
        example(
            "Delegates applauded Mozambique for its declaration of completion of its Article 4 "
            "obligations in 2030.",
            ("MOZ", 4, "completed"),
        ),
        example(
            "In its statement Ecuador informed the conclusion of the destruction of its stocks.",
            ("ECU", 3, "completed"),
        ),
        trap(
            "Germany has not yet announced the completion of its clearance obligations.",
            ("DEU", 4, "completed"),
        ),
        example(
            "Ghana and Lesotho submitted their initial Article 7 reports.",
            ("GHA", 7, "submitted"),
            ("LSO", 7, "submitted"),
        ),
        example(
            "The Republic of Chile has informed the Implementation Support Unit (ISU) that on "
            "3 May 2026 it completed the clearance of all contaminated areas.",
            ("CHL", 4, "completed"),
        ),
        example(
            "Under Article 3 of the Convention, Bolivia has an obligation to complete the "
            "destruction of its stockpiles by 1 May 2027.",
            ("BOL", 3, "obligation"),
        ),
        trap(
            "Peru is expected to complete the destruction of its stockpiles next year.",
            ("PER", 3, "completed"),
        ),
        trap(
            "Chile completed its clearance obligations under Article 5 of the APMBC.",
            ("CHL", 5, "completed"),
        ),
        example(
            "Laos, which hosted the Meeting in Vientiane, is implementing its Article 4 "
            "obligations. Chad will not be able to complete clearance on time, and we call on "
            "Peru to complete the destruction of its stocks.",
            ("LAO", 4, "obligation"),
            ("TCD", 4, "obligation"),
            ("PER", 3, "obligation"),
        ),
        example(
            "Chile and Ghana were among the 31 States Parties that had submitted their annual "
            "Article 7 reports. The initial report of Tuvalu under Article 7 remains overdue.",
            ("CHL", 7, "submitted"),
            ("GHA", 7, "submitted"),
            ("TUV", 7, "overdue"),
        ),
        example(
            "We urge the affected States, including Chad and Peru, to involve survivors as they "
            "pursue clearance.",
            ("TCD", 4, "obligation"),
            ("PER", 4, "obligation"),
        ),
        trap(
            "We thank the donors, including Norway and Japan, as they pursue their support to "
            "clearance in Chad.",
            ("NOR", 4, "obligation"),
        ),
        example(
            "Peru thanked Chile for fulfilling its clearance obligations, while Iraq spoke of "
            "the challenges in meeting its own clearance obligations.",
            ("CHL", 4, "completed"),
            ("IRQ", 4, "obligation"),
        ),
        trap(
            "Chile has completed the destruction of its stockpile, well ahead of its Article 3 "
            "deadline.",
            ("CHL", 3, "obligation"),
        ),
        trap(
            "The Meeting welcomed the declaration by Chile that it had met its obligations, and "
            "noted that Peru continues its work under Article 5 of the Ottawa Convention.",
            ("PER", 5, "obligation"),
        ),
        example(
            "Chile has finalised the destruction of its stocks. Ghana declared the conclusion "
            "of clearance in May. Mr. Ali Diallo of Mali shared how his country completed its "
            "own destruction. Togo hosted a seminar in Lomé; it has since completed clearance.",
            ("CHL", 3, "completed"),
            ("GHA", 4, "completed"),
            ("MLI", 3, "completed"),
            ("TGO", 4, "completed"),
        ),
        example(
            "Peru's clearance is two years behind. The Meeting urged Tuvalu, whose initial "
            "report has been due since 2012, to act. Fiji said it was drafting its initial "
            "report, now overdue. Reports remain outstanding from Chad and Niger.",
            ("PER", 4, "obligation"),
            ("TUV", 7, "overdue"),
            ("FJI", 7, "overdue"),
            ("TCD", 7, "overdue"),
            ("NER", 7, "overdue"),
        ),
        example(
            "Benin's Article 7 report for 2030 was submitted in May. Nine States have never "
            "submitted an initial transparency report, Haiti among them. The initial reports "
            "of 4 States Parties are in retard, of which Gabon.",
            ("BEN", 7, "submitted"),
            ("HTI", 7, "overdue"),
            ("GAB", 7, "overdue"),
        ),
        example(
            "Statement by the Republic of Chile\n\nMadam President,\n\nWe will not be able to "
            "complete clearance by our Article 4 deadline, and we will request an extension of "
            "this deadline. Our Article 7 report, which we submitted in April, says more.",
            ("CHL", 4, "obligation"),
            ("CHL", 4, "extension-request"),
            ("CHL", 7, "submitted"),
        ),
        example(
            "The ISU said that Peru has not yet declared the completion of its stockpile "
            "destruction.",
            ("PER", 3, "obligation"),
        ),
        trap(
            "The ISU said that Peru has not yet declared the completion of its stockpile "
            "destruction, but Chile has never submitted a plan.",
            ("PER", 3, "completed"),
        ),
        trap(
            "The Meeting considered the request of Chad for an extension of its deadline for "
            "completing the clearance of remnants.",
            ("TCD", 4, "completed"),
        ),
        example(
            "Peru has destroyed close to 60 per cent of the cluster munitions it declared.",
            ("PER", 3, "obligation"),
        ),
        trap(
            "Statement by the ICRC\n\nWe welcome that we have completed our review of "
            "clearance methods.",
            ("ICRC", 4, "completed"),
        ),
        example(
            "Kenya joined in 2012. Its original deadline under Article 4 was 1 March 2022.",
            ("KEN", 4, "obligation"),
        ),
        example(
            "Peru and Chile asked for help, as their deadline under Article 3 is near.",
            ("PER", 3, "obligation"),
            ("CHL", 3, "obligation"),
        ),
        trap(
            "Ghana met its deadline under Article 3, and Togo finished well ahead of its "
            "deadline under Article 4.",
            ("GHA", 3, "obligation"),
            ("TGO", 4, "obligation"),
        ),
        example(
            "Transparency reports matter, and Ghana submitted its report on time this year.",
            ("GHA", 7, "submitted"),
        ),
        example(
            "Under Article 7 every State Party reports each year; we note that Togo and Benin "
            "submitted their reports in April.",
            ("TGO", 7, "submitted"),
            ("BEN", 7, "submitted"),
        ),
        trap(
            "Chad submitted its report on the workshop to the Committee.",
            ("TCD", 7, "submitted"),
        ),
        example(
            "NEWS 4 May 2030\n\nPeru's new extension request\n\nThe ISU met officials in Lima "
            "to discuss the request that Peru will submit under Article 3 this year.\n",
            ("PER", 3, "extension-request"),
        ),
        example(
            "Update\n\nWorkshop helps Chile with its extension request\n\nExperts reviewed "
            "the plan for the destruction of the stockpiled cluster munitions.\n",
            ("CHL", 3, "extension-request"),
        ),
        trap(
            "Ghana presented its extension request. Ghana also noted its Article 3 stockpile work.",
            ("GHA", 3, "extension-request"),
        ),
    ),
    guards=("other-instrument",),
)
def agent(view: View, known: Known) -> Iterator[Fact]:
    taken = [(found.start, found.end) for found in nominal_readings(view)]
    yield from facts(view, agent_events(view, taken))


@rule(
    "obligations.group",
    1,
    ObligationFact,
    "A group of States followed by its members: 'States Parties with overdue initial "
    "transparency reports: Rwanda, Tunisia and Togo', 'extension requests from Chad and "
    "Germany', 'the initial Article 7 reports of Cameroon and Chad were overdue'; a group "
    "whose members are named later in the sentence ('..., among them Slovakia and Peru').",
    examples=(
        example(
            "States Parties with overdue initial transparency reports: Rwanda, Togo and Tunisia.",
            ("RWA", 7, "overdue"),
            ("TGO", 7, "overdue"),
            ("TUN", 7, "overdue"),
        ),
        example(
            "The Meeting considered the extension requests from Chad and Germany.",
            ("TCD", 4, "extension-request"),
            ("DEU", 4, "extension-request"),
        ),
        example(
            "States Parties that have completed the destruction of their stockpiles shared "
            "their experience, among them Slovakia, Peru and Sweden.",
            ("SVK", 3, "completed"),
            ("PER", 3, "completed"),
            ("SWE", 3, "completed"),
        ),
        example(
            "We support the States with cluster munition survivors in areas under their "
            "jurisdiction or control, among them Chad and Peru. These States are: Iraq and "
            "Laos.",
            ("TCD", 5, "obligation"),
            ("PER", 5, "obligation"),
        ),
        example(
            "The plan serves the States Parties with victims in areas under their jurisdiction "
            "or control. Those States are: Albania, Chad and Iraq.",
            ("ALB", 5, "obligation"),
            ("TCD", 5, "obligation"),
            ("IRQ", 5, "obligation"),
        ),
        trap(
            "States Parties with obligations under Article 5 of the APMBC: Chile and Peru.",
            ("CHL", 5, "obligation"),
        ),
        example(
            "Among the decisions, the Meeting granted extensions to Peru (Article 3) and to Chad "
            "(Article\n4).",
            ("PER", 3, "extension-request"),
            ("TCD", 4, "extension-request"),
        ),
        example(
            "States Parties approved the extension to Iraq for the clearance of remnants.",
            ("IRQ", 4, "extension-request"),
        ),
        trap(
            "The coordinators visited States with many survivors last year. Chile and Peru "
            "hosted them.",
            ("CHL", 5, "obligation"),
        ),
        example(
            "The Director discussed the extension request that Angola intends to submit under "
            "Article 4 next year. The analysts reviewed the request which Iraq submitted in "
            "March for an extension of its clearance deadline.",
            ("AGO", 4, "extension-request"),
            ("IRQ", 4, "extension-request"),
        ),
        example(
            "The Meeting noted that Article 4 obligations remain for Chad and Iraq, whose "
            "deadlines fall in 2030.",
            ("TCD", 4, "obligation"),
            ("IRQ", 4, "obligation"),
        ),
        trap(
            "The Chair recalled the request that Chile made to the host country for more rooms "
            "and an extension of the lunch break.",
            ("CHL", 4, "extension-request"),
        ),
        example(
            "Status of transparency reports, May 2030\n\n1. Annual reports submitted on time:"
            " Chile (28 April); Ghana; Peru (30 April).\n2. Initial reports still outstanding:"
            " Togo (due 2012), Tuvalu.\n",
            ("CHL", 7, "submitted"),
            ("GHA", 7, "submitted"),
            ("PER", 7, "submitted"),
            ("TGO", 7, "overdue"),
            ("TUV", 7, "overdue"),
        ),
        example(
            "- Annual updates for 2029 not yet received from the Unit's records: Fiji; Samoa\n",
            ("FJI", 7, "overdue"),
            ("WSM", 7, "overdue"),
        ),
        trap(
            "Annual reports under Article 7 of the Mine Ban Convention received late: Chile; "
            "Peru.\n",
            ("CHL", 7, "submitted"),
            ("CHL", 7, "overdue"),
        ),
    ),
    guards=("other-instrument",),
)
def group(view: View, known: Known) -> Iterator[Fact]:
    yield from facts(view, group_events(view))
    yield from facts(view, delayed_groups(view))


# A status table's columns: what each one reports on ("Initial report", "Art. 9 measures").
REPORT_COLUMN = re.compile(r"(?i)\breports?\b|\bArt(?:icle|\.)?\s*7\b|\btransparency\b")
MEASURES_COLUMN = re.compile(
    r"(?i)\bArt(?:icle|\.)?\s*9\b|\bnational\s+(?:implementation\s+)?measures\b|\blegislation\b"
)
REPORT_CELL_OVERDUE = re.compile(r"(?i)\boverdue\b|\bnot\s+(?:yet\s+)?submitted\b|\boutstanding\b")
REPORT_CELL_SUBMITTED = re.compile(r"(?i)^\s*(?:submitted|received)\b")
MEASURES_CELL_PENDING = re.compile(
    r"(?i)\bnone\b|\bin\s+preparation\b|\bnot\s+yet\b|\bpending\b|\bdraft\b|\bno\s+measures\b"
)


@rule(
    "obligations.status-table",
    1,
    ObligationFact,
    "A status table of reports and national measures: per State row, a report column's "
    "'submitted' or 'received' (Article 7 submitted), 'OVERDUE' or 'not submitted' (overdue), "
    "and a national measures column's 'none' or 'in preparation' (an Article 9 obligation).",
    examples=(
        example(
            "Status of reports\n\n| State | Initial report | Art. 9 measures |\n|---|---|---|\n"
            "| Chile | submitted 2011 | specific law |\n| Ghana | OVERDUE | none |\n",
            ("CHL", 7, "submitted"),
            ("GHA", 7, "overdue"),
            ("GHA", 9, "obligation"),
        ),
        example(
            "State          Annual report 2029       National measures\n"
            "Peru           not submitted            in preparation\n"
            "Togo           received 30.04.2030      existing laws\n",
            ("PER", 7, "overdue"),
            ("PER", 9, "obligation"),
            ("TGO", 7, "submitted"),
        ),
        trap(
            "| State | Coordinator since | Area |\n|---|---|---|\n| Chile | 2029 | victim "
            "assistance reports |\n| Peru | none | clearance |\n",
            ("PER", 9, "obligation"),
            ("CHL", 7, "submitted"),
        ),
    ),
    guards=("other-instrument",),
)
def status_table(view: View, known: Known) -> Iterator[Fact]:
    header: dict[int, int] = {}
    for row in view.group("rows"):
        if row.label_ not in ("pipe", "columns"):
            continue
        cells = view.in_("cells", row.start_char, row.end_char)
        states = view.within(row.start_char, row.end_char, "state")
        if not states:
            header = _status_columns([(int(c.kb_id_ or -1), c.text) for c in cells]) or header
            continue
        if row.label_ == "pipe":
            header = _status_columns(_pipe_header(view, row.start_char))
        state = states[0]
        for cell in cells:
            event = _cell_event(cell.text, header.get(int(cell.kb_id_ or -1)))
            if event is not None and cell.start_char > state.end - 1:
                event_type, article = event
                span = view.span(row.start_char, row.end_char)
                yield ObligationFact(view.doc_id, span, state.key, article, event_type)


def _status_columns(cells: list[tuple[int, str]]) -> dict[int, int]:
    """The article each column of a header row reports on; {} when it is no status header."""
    columns = {}
    for index, text in cells:
        if MEASURES_COLUMN.search(text):
            columns[index] = 9
        elif REPORT_COLUMN.search(text) and not re.search(r"(?i)coordinat|area", text):
            columns[index] = 7
    return columns


def _pipe_header(view: View, row_start: int) -> list[tuple[int, str]]:
    """The header of the pipe table a row belongs to: the line above its |---| line."""
    lines = view.text[:row_start].rstrip("\n").split("\n")
    for position in range(len(lines) - 1, 0, -1):
        if re.fullmatch(r"\s*\|?[\s:|-]*-[\s:|-]*\|?\s*", lines[position]):
            cells = lines[position - 1].strip().strip("|").split("|")
            return [(index, text.strip()) for index, text in enumerate(cells)]
        if "|" not in lines[position]:
            break
    return []


def _cell_event(text: str, article: int | None) -> tuple[Event, int] | None:
    if article == 7:
        if REPORT_CELL_OVERDUE.search(text):
            return Event.OVERDUE, 7
        if REPORT_CELL_SUBMITTED.search(text):
            return Event.SUBMITTED, 7
    if article == 9 and MEASURES_CELL_PENDING.search(text):
        return Event.OBLIGATION, 9
    return None


@rule(
    "obligations.heading",
    1,
    ObligationFact,
    "A heading that names the event ('6.6 Article 4 Extension Requests', 'States with "
    "outstanding Article 7 obligations') over a body that lists the States, or a session "
    "programme's heading over one State per line ('Requests for more time under Article 4' "
    "then 'Chad – statement').",
    examples=(
        example(
            "6.6 Article 4 Extension Requests\n\nChad, Germany and Peru presented their "
            "requests.\n",
            ("TCD", 4, "extension-request"),
            ("DEU", 4, "extension-request"),
            ("PER", 4, "extension-request"),
        ),
        example(
            "Requests for more time under Article 4\nChad – statement\nIraq – statement\n"
            "Lebanon\n\nClosing remarks\n",
            ("TCD", 4, "extension-request"),
            ("IRQ", 4, "extension-request"),
            ("LBN", 4, "extension-request"),
        ),
        example(
            "Session 2: extension requests, Article 3 and Article 4\n  Peru (Article 3) – "
            "presentation of the request by its delegation\n  Chad (Article 4) – statement\n",
            ("PER", 3, "extension-request"),
            ("TCD", 4, "extension-request"),
        ),
        example(
            "7 (b) Declarations of compliance with Article 4\n  Chile – statement\n"
            "7 (c) States Parties still destroying their stocks (Article 3)\n  Peru – "
            "statement (tbc)\n",
            ("CHL", 4, "completed"),
            ("PER", 3, "obligation"),
        ),
        trap(
            "6.6 Article 4 of the APMBC: Extension Requests\n\nChad and Peru presented.\n",
            ("TCD", 4, "extension-request"),
        ),
        trap(
            "Requests for more time under Article 4\nChad – statement. Peru said it would "
            "finish soon.\n",
            ("PER", 4, "extension-request"),
        ),
    ),
    guards=("other-instrument",),
)
def heading(view: View, known: Known) -> Iterator[Fact]:
    yield from facts(view, heading_events(view))
    yield from facts(view, programme_events(view))


def nominal_events(view: View) -> Iterator[Found]:
    """Nouns whose agents follow them: "the completion of stockpile destruction by Bulgaria
    and Slovakia", "the request submitted by Chad for an extension of its deadline". Each
    Found spans the phrase and its agents (agent phrases inside it are not read again)."""
    for match in COMPLETION_BY.finditer(view.text):
        if _in_other_convention(view, match.start()):
            continue
        members = list_after(view, match.end(), opener=False)
        if not members or members[0].start - match.end() > 6:
            continue
        sentence = view.sentence_at(match.start())
        head = view.text[sentence.start : match.start()]
        if FUTURE.search(head) or PLANNED.search(head):
            continue  # "the expected completion of clearance by ..."
        end = members[-1].end
        tail = OF_THEIR.match(view.text, end)
        what = tail["what"] if tail else (match["what"] or "")
        end = tail.end() if tail else end
        numbers = article_numbers(what, sentence.text, Event.COMPLETED)
        if numbers:
            yield Found(tuple(m.key for m in members), numbers, Event.COMPLETED, match.start(), end)
    for match in REQUEST_BY.finditer(view.text):
        found = _request_by(view, match)
        if found:
            yield found


def _request_by(view: View, match: re.Match[str]) -> Found | None:
    """The authors of an extension request, named after it."""
    sentence = view.sentence_at(match.start())
    if names_other_instrument(view, sentence.start, sentence.end):
        return None
    before = view.text[max(sentence.start, match.start() - REQUEST_REACH) : match.end()]
    requests = list(REQUEST_WORD.finditer(before))
    if not requests or ITEM_BREAK.search(before[requests[-1].start() :]):
        return None
    start = match.end() - len(before) + requests[-1].start()
    members = list_after(view, match.end(), opener=False)
    if not members or members[0].start - match.end() > 6:
        return None
    window = view.text[start : min(sentence.end, members[-1].end + REQUEST_REACH)]
    window = ITEM_BREAK.split(window, maxsplit=1)[0]
    if not EXTENSION_WORDS.search(window):
        return None  # a request for something else
    numbers = _request_articles(window) or (4,)
    return Found(
        tuple(m.key for m in members), numbers, Event.EXTENSION_REQUEST, start, members[-1].end
    )


def agent_events(view: View, taken: list[tuple[int, int]] | None = None) -> Iterator[Found]:
    """Phrases whose agent is the nearest State before them in their sentence (phrases in
    the `taken` spans, read by `nominal_events`, are skipped)."""
    for sentence in view.sentences:
        if EVENT_WORDS.search(sentence.text):  # else no phrase of AGENT_PHRASES can match
            yield from _completion_over_deadline(
                list(_sentence_events(view, sentence, taken or []))
            )


def _sentence_events(
    view: View, sentence: Segment, taken: list[tuple[int, int]]
) -> Iterator[Found]:
    claimed: list[tuple[int, int]] = []
    for event, pattern in AGENT_PHRASES:
        if not PHRASE_WORDS[event].search(sentence.text):
            continue  # the words this event's phrases hold are not in the sentence
        for match in pattern.finditer(sentence.text):
            absolute = (sentence.start + match.start(), sentence.start + match.end())
            if any(absolute[0] < end and start < absolute[1] for start, end in taken):
                continue
            if event is Event.OBLIGATION and (
                _overlaps(match, claimed) or EXTENDED.search(sentence.text[: match.start()])
            ):
                continue  # "complying with its Article 3 obligations" is completion
            claimed.append(match.span())
            if _of_other_instrument(view, sentence.start + match.end()):
                continue  # "obligations under Article 5 of the APMBC"
            clause = clause_of(view, *absolute)
            if names_other_instrument(view, clause.start, clause.end):
                continue  # "Sri Lanka completed its obligations under the APMBC"
            if (
                event is Event.SUBMITTED
                and match["inside"]
                and MODAL.search(sentence.text[: match.start()])
            ):
                continue  # "Chad will include the figures in its Article 7 report"
            if event is Event.COMPLETED and NOT_YET.search(sentence.text[: match.start()]):
                event = Event.OBLIGATION  # "has not yet declared the completion of ..."
            if event is Event.COMPLETED and FUTURE.search(sentence.text[: match.start()]):
                continue  # "expected to achieve compliance", "on track to meeting"
            if event is Event.COMPLETED and PURPOSE.search(sentence.text[: match.start()]):
                continue  # "an extension of its deadline for completing the clearance"
            found = _agent_event(view, sentence, match, event)
            if found:
                yield found
            listed = _following_list(view, sentence, match, event)
            if listed:
                yield listed


def _completion_over_deadline(found: list[Found]) -> list[Found]:
    """'Peru has completed the destruction ..., ahead of its Article 3 deadline': in one
    sentence, a State's completion is the news; its deadline is no current obligation."""
    completed = {
        (actor, article)
        for reading in found
        if reading.event is Event.COMPLETED
        for actor in reading.actors
        for article in reading.articles
    }
    kept = []
    for reading in found:
        if reading.event is Event.OBLIGATION:
            actors = tuple(
                a for a in reading.actors if not all((a, n) in completed for n in reading.articles)
            )
            if not actors:
                continue
            reading = Found(actors, reading.articles, reading.event, reading.start, reading.end)
        kept.append(reading)
    return kept


def _following_list(
    view: View, sentence: Segment, match: re.Match[str], event: Event
) -> Found | None:
    """The States listed after the phrase: "eleven reports remained outstanding, including
    those of Cabo Verde and Comoros"."""
    opener = FOLLOWING_LIST.match(sentence.text, match.end())
    if opener is None:
        members = _named_among_them(view, sentence.start + match.end())
    else:
        members = inline_list(view, sentence.start + opener.end())
    numbers = article_numbers(sentence.text[: match.end()], sentence.text, event)
    if not members or not numbers:
        return None
    if event is Event.OBLIGATION and OVERDUE_WORDS.search(match.group()):
        event = Event.OVERDUE
    return Found(tuple(m.key for m in members), numbers, event, sentence.start, sentence.end)


# "... never submitted an initial report, Cabo Verde among them"
AMONG_THEM_AFTER = re.compile(r"\s+among\s+them\b", re.I)


def _named_among_them(view: View, position: int) -> list[Mention]:
    if not re.match(r"\s*,\s*", view.text[position : position + 4]):
        return []
    members = inline_list(
        view, position + len(view.text[position:]) - len(view.text[position:].lstrip(" ,"))
    )
    if members and AMONG_THEM_AFTER.match(view.text, members[-1].end):
        return members
    return []


# What a bare "its report" refers back to: the Convention's reports named before it.
REPORTS_NAMED = re.compile(r"(?i)\bArticle\s+7\b|\btransparency\s+reports?\b")


def _agent_event(view: View, sentence: Segment, match: re.Match[str], event: Event) -> Found | None:
    if match.groupdict().get("bare_report") and not REPORTS_NAMED.search(
        sentence.text[: match.start()]
    ):
        return None  # "Chad submitted its report on the workshop"
    start = sentence.start + match.start()
    context = sentence.text
    if event is Event.EXTENSION_REQUEST:
        following = sentence.text[match.start() :]  # "a request to extend its Article 3 deadline"
        if match["bare"]:
            context = _previous_sentence(view, sentence) + " " + sentence.text
            if not EXTENSION_WORDS.search(context):
                return None  # a request for something else
        elif _request_articles(following):
            context = following
        elif re.search(r"(?i)\b(?:this|that|the\s+same|its\s+current)\s+deadline", sentence.text):
            # "... by our Article 3 deadline. We will request an extension of this deadline."
            context = _previous_sentence(view, sentence) + " " + sentence.text
        elif _headline(view, sentence):
            # "Sofia workshop prepares Bulgaria's extension request": the lead under the
            # headline says which deadline ("... to submit under Article 3").
            context = sentence.text + " " + _next_sentence(view, sentence)
    phrase_articles = article_numbers(match.group(), context, event)
    named = match.groupdict()
    if named.get("called") or named.get("report_of"):
        # "call on Bulgaria to complete ...", "the report of Somalia ... remains overdue"
        inside = view.within(start, sentence.start + match.end(), "state")
        actors = tuple(m.key for m in inside)
    else:
        actors = agents(view, sentence, start)
    if not actors or not phrase_articles:
        return None
    if event is Event.OBLIGATION and OVERDUE_WORDS.search(match.group()):
        event = Event.OVERDUE
    start, end = _evidence(view, sentence, match, actors)
    return Found(actors, phrase_articles, event, start, end)


def _evidence(
    view: View, sentence: Segment, match: re.Match[str], actors: tuple[str, ...]
) -> tuple[int, int]:
    """The clause of the phrase, from its agents on: what says the fact, not the sentence
    around it ("..., and noted its work under the APMBC" is another clause)."""
    phrase_start, phrase_end = sentence.start + match.start(), sentence.start + match.end()
    clause = clause_of(view, phrase_start, phrase_end)
    named = [m.start for m in view.within(sentence.start, sentence.end) if m.key in actors]
    return min([clause.start, *named]), max(clause.end, phrase_end)


def _previous_sentence(view: View, sentence: Segment) -> str:
    index = view.sentences.index(sentence)
    return view.sentences[index - 1].text if index > 0 else ""


def _next_sentence(view: View, sentence: Segment) -> str:
    index = view.sentences.index(sentence)
    return view.sentences[index + 1].text if index + 1 < len(view.sentences) else ""


def _headline(view: View, sentence: Segment) -> bool:
    """A headline: a line of its own between blank lines, without a full stop."""
    before = view.text[max(0, sentence.start - 2) : sentence.start]
    after = view.text[sentence.end : sentence.end + 2]
    return (
        "\n" not in sentence.text
        and not sentence.text.rstrip().endswith((".", ";", ":"))
        and (sentence.start == 0 or before == "\n\n")
        and after.startswith("\n\n")
    )


def agents(view: View, sentence: Segment, position: int) -> tuple[str, ...]:
    """The State(s) acting at `position`: the nearest before it with no other subject in
    between, extended over a list ("Ghana and Lesotho submitted"); else the label of a
    "Chad: ..." line, or the State opening the previous sentence when this one opens with a
    pronoun."""
    before = [m for m in view.within(sentence.start, position) if m.kind in ("state", "org")]
    before = _outside_relative_clauses(view, before, position)
    if before:
        named = _named_group(view, before, position)
        if named:
            return named
        last = before[-1]
        broken = _broken_name(view.text[:position], last.end, None, first=False)
        gap = _transparent(view.text[(broken or last).end : position])
        resumed = _resumed_after_semicolon(view, before, position)
        if resumed:
            return resumed
        if (
            last.kind != "state"
            or len(gap) > MAX_AGENT_GAP
            or ITEM_BREAK.search(view.text[last.end : position])
            or BLOCKERS.search(_own_clause(gap))
        ):
            reported = _reporting_subject(view, sentence, position, before)
            return (reported.key,) if reported else ()
        run = [m.key for m in _run_ending_with(view, before)]
        return tuple([*run, broken.key] if broken else run)
    label = line_label(view, position)
    if label:
        return (label.key,)
    return _previous_subject(view, sentence) or _speaker(view, sentence, position)


# "we will not be able to complete destruction", "our Article 7 report": the State the
# statement speaks for.
WE = re.compile(r"(?i)\b(?:we|our)\b")


def _speaker(view: View, sentence: Segment, position: int) -> tuple[str, ...]:
    if not WE.search(view.text, sentence.start, position + 40):
        return ()
    heading = statements.heading(view)
    speaking = {m.key for m in heading.speaking_for if m.kind == "state"} if heading else set()
    return (speaking.pop(),) if len(speaking) == 1 else ()


# ", which hosted the First Meeting in Vientiane, is implementing ...": a relative clause
# between the agent and its verb; "were among the 27 States Parties that had submitted ...":
# the agent is one of a group.
RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who)\b[^,;]{0,120},\s*")
AMONG_GROUP = re.compile(
    r"(?i)^\s*(?:were|was|are|is)\s+(?:also\s+)?among\s+the\s+(?:\d+\s+|\w+\s+)?(?:other\s+)?"
    r"(?:States(?:\s+Parties)?|countries)\s+(?:that|which|who)\s+"
)


# "the States Parties concerned, among them Iraq and Lebanon, ... as they pursue ...": the
# pronoun takes up the group, whose named members act.
GROUP_MEMBERS_BEFORE = re.compile(r"(?i)\b(?:among\s+them|including|such\s+as|notably)\s+$")
THEY_OPENS = re.compile(r"(?i)\b(?:as|while|when|where|because|since|if)?\s*they\s+(?:\w+\s+)?$")


def _resumed_after_semicolon(view: View, before: list[Mention], position: int) -> tuple[str, ...]:
    """'Slovakia had hosted a workshop in Bratislava; it has since completed ...': after a
    semicolon, "it" takes up the State that opened the sentence."""
    sentence = view.sentence_at(position)
    first = before[0]
    if first.kind != "state" or view.text[sentence.start : first.start].strip(' \t\n"“'):
        return ()
    semicolon = view.text.rfind(";", first.end, position)
    if semicolon == -1 or not re.match(r"\s*(?:it|they)\b", view.text[semicolon + 1 : position]):
        return ()
    if [m for m in before if semicolon < m.start]:
        return ()
    return (first.key,)


def _named_group(view: View, before: list[Mention], position: int) -> tuple[str, ...]:
    run = _run_ending_with(view, before)
    lead = view.text[max(0, run[0].start - 20) : run[0].start]
    gap = view.text[run[-1].end : position]
    if GROUP_MEMBERS_BEFORE.search(lead) and THEY_OPENS.search(gap) and not ITEM_BREAK.search(gap):
        return tuple(m.key for m in run)
    return ()


def _outside_relative_clauses(view: View, before: list[Mention], position: int) -> list[Mention]:
    """The actors before `position` outside the relative clauses after the first of them:
    a State named in such a clause is not the agent of the main verb."""
    if not before:
        return before
    clauses = [c.span() for c in RELATIVE_CLAUSE.finditer(view.text, before[0].end, position)]
    return [m for m in before if not any(start <= m.start < end for start, end in clauses)]


def _transparent(gap: str) -> str:
    """The gap between an agent and its phrase without what does not change the subject."""
    gap = RELATIVE_CLAUSE.sub(" ", gap)
    among = AMONG_GROUP.match(gap)
    return " " + gap[among.end() :] if among else gap


REPORTED = re.compile(
    r"(?i)\b(?:informed|notified|told|reported\s+to|announced\s+to|advised)\b[^.;]{0,160}?"
    r"\bthat\b(?P<clause>[^.;]{0,120})$"
)


def _reporting_subject(
    view: View, sentence: Segment, position: int, before: list[Mention]
) -> Mention | None:
    """'The Republic of Croatia has informed the ISU that on 10 July it completed ...': the
    State that reports is the agent that the pronoun after "that" takes back up, whoever it
    informed."""
    if not before or before[0].kind != "state":
        return None
    if view.text[sentence.start : before[0].start].strip() not in (
        "",
        "The",
        "the",
    ) and not re.fullmatch(
        r"(?i)\W*(?:the\s+)?(?:Government\s+of\s+|Republic\s+of\s+)?(?:the\s+)?",
        view.text[sentence.start : before[0].start],
    ):
        return None
    match = REPORTED.search(view.text, before[0].end, position)
    if match is None or (
        not re.search(r"(?i)\b(?:it|they|its|their)\s*$", match["clause"])
        and not re.search(r"(?i)\b(?:it|they|its|their)\b", match["clause"])
    ):
        return None
    if any(m.start >= match.start("clause") for m in before[1:]):
        return None  # another actor in the reported clause is its subject
    return before[0]


def _own_clause(gap: str) -> str:
    """The part of the gap after a State that must be free of other subjects. In "Chad
    informed the Coordinators that (in 2020) it/they ...", the pronoun takes the State back
    up, so only the words after it count; "Chad reported that eleven reports ..." gives the
    clause another subject (returned as a blocker)."""
    clauses = list(THAT_CLAUSE.finditer(gap))
    if not clauses:
        return gap
    rest = gap[clauses[-1].end() :]
    if not rest.strip():
        return rest  # the phrase itself opens the clause: "that its extension request"
    pronouns = list(PRONOUN.finditer(rest))
    return rest[pronouns[-1].end() :] if pronouns else "they"


def _run_ending_with(view: View, mentions: list[Mention]) -> list[Mention]:
    run = [mentions[-1]]
    for mention in reversed(mentions[:-1]):
        if mention.kind != "state" or not LIST_GLUE.fullmatch(
            view.text[mention.end : run[0].start]
        ):
            break
        run.insert(0, mention)
    return run


def _previous_subject(view: View, sentence: Segment) -> tuple[str, ...]:
    if not re.match(r"(?i)(?:it|its|they|their)\b", sentence.text):
        return ()
    index = view.sentences.index(sentence)
    if index == 0:
        return ()
    previous = view.sentences[index - 1]
    opening = view.within(previous.start, previous.start + 40, "state")
    if opening and re.fullmatch(
        r"(?i)\W*(?:the\s+)?", view.text[previous.start : opening[0].start]
    ):
        return (opening[0].key,)
    return ()


def line_label(view: View, position: int) -> Mention | None:
    """The State heading the line of `position` as a label ("Lebanon: Lebanon indicated ...")."""
    line_start = view.text.rfind("\n", 0, position) + 1
    states = view.within(line_start, position, "state")
    if states and _is_label(view, line_start, states[0]):
        return states[0]
    return None


def _is_label(view: View, line_start: int, mention: Mention) -> bool:
    lead = view.text[line_start : mention.start]
    tail = view.text[mention.end : mention.end + 4]
    return bool(re.fullmatch(r"[ \t>*_#\-•]*", lead) and re.match(r"[*_]*\s*:", tail))


def group_events(view: View) -> Iterator[Found]:
    """A group of States followed by its members, and "extension requests from X, Y"."""
    for match in GROUP.finditer(view.text):
        event, numbers = group_meaning(match["what"], view.sentence_at(match.start()).text)
        members = list_after(view, match.end())
        if members and numbers and not _in_other_convention(view, match.start()):
            yield _listed(view, members, numbers, event, match.start())
    for match in VICTIM_GROUP.finditer(view.text):
        members = list_after(view, match.end())
        if members and not _in_other_convention(view, match.start()):
            yield _listed(view, members, (5,), Event.OBLIGATION, match.start())
    for match in REPORTS_OF.finditer(view.text):
        found = _reports_of(view, match)
        if found:
            yield found
    for match in GRANTED_TO.finditer(view.text):
        yield from _granted_to(view, match)
    for match in STATUS_LABEL.finditer(view.text):
        found = _status_list(view, match)
        if found:
            yield found
    for match in REQUESTS_FROM.finditer(view.text):
        sentence = view.sentence_at(match.start())
        members = list_after(view, match.end(), opener=False)
        if match["relative"]:
            if not members or not SUBMITS_AFTER.match(view.text, members[-1].end):
                continue
            if not EXTENSION_WORDS.search(sentence.text):
                continue  # a request for something else
            context = view.text[match.start() : sentence.end]
        else:
            context = sentence.text
        numbers = article_numbers(match.group(), context, Event.EXTENSION_REQUEST)
        if members and not _in_other_convention(view, match.start()):
            yield _listed(view, members, numbers, Event.EXTENSION_REQUEST, match.start())
    for match in REMAIN_FOR.finditer(view.text):
        members = list_after(view, match.end(), opener=False)
        numbers = article_numbers(match["what"], "", Event.OBLIGATION)
        if members and numbers and not _in_other_convention(view, match.start()):
            yield _listed(view, members, numbers, Event.OBLIGATION, match.start())


# A status list's label, then its States: "B. Annual updates received by the deadline:
# Chile; Peru", "Initial reports overdue (due date in brackets): Chad (2011); Togo (2016)".
STATUS_LABEL = casefree.compile(
    r"(?im)^[ \t]*(?:[a-z0-9]{1,2}[.)][ \t]+|[-•*][ \t]+)?"
    r"(?P<label>(?:initial|annual|transparency|article\s+7)\s+(?:reports?|updates?)\b"
    r"[^:;\n]{0,100}(?:\n[^:;\n]{0,100})?):"
)
STATUS_NOT_RECEIVED = re.compile(r"(?i)\bnot\s+(?:yet\s+)?(?:received|submitted|provided)\b")
STATUS_RECEIVED = re.compile(r"(?i)\b(?:received|submitted)\b")


def _status_list(view: View, match: re.Match[str]) -> Found | None:
    """The States a report status label lists, overdue or submitted as the label says."""
    label = match["label"]
    if STATUS_NOT_RECEIVED.search(label) or OVERDUE_WORDS.search(label):
        event = Event.OVERDUE
    elif STATUS_RECEIVED.search(label):
        event = Event.SUBMITTED
    else:
        return None
    members = _annotated_list(view, match.end())
    if not members or names_other_instrument(view, match.start(), members[-1].end):
        return None
    return Found(tuple(m.key for m in members), (7,), event, match.start(), members[-1].end)


ANNOTATION = re.compile(r"\s*\([^()\n]{1,40}\)")


def _annotated_list(view: View, position: int) -> list[Mention]:
    """The States listed from `position`, each perhaps followed by a short parenthesis
    ("Chad (31 July 2011); Togo (12 May)"), up to the first thing that is neither."""
    found: list[Mention] = []
    for mention in view.within(position, min(len(view.text), position + 1500), "state"):
        glue = ANNOTATION.sub("", view.text[found[-1].end if found else position : mention.start])
        if (found and not LIST_GLUE.fullmatch(glue)) or (not found and glue.strip()):
            break
        found.append(mention)
    return found


# "granted extensions to Bosnia and Herzegovina (Article 3) and Lebanon (Article 4)"
GRANTED_TO = casefree.compile(
    r"(?i)\b(?:granted|grant(?:ing|s)?|approved)\s+(?:an?\s+|the\s+)?extensions?\s+"
    r"(?:of\s+(?:their|its|the)\s+deadlines?\s+)?to\s+"
)
OWN_ARTICLE = re.compile(r"\s*\(\s*Article\s+(\d{1,2})\s*\)")


def _granted_to(view: View, match: re.Match[str]) -> Iterator[Found]:
    """The States granted an extension, each with the article its parenthesis names."""
    if _in_other_convention(view, match.start()):
        return
    sentence = view.sentence_at(match.start())
    default = _request_articles(sentence.text) or (4,)
    members = _members_with_parentheses(view, match.end())
    for member, own in members:
        numbers = (own,) if own else default
        yield Found((member.key,), numbers, Event.EXTENSION_REQUEST, sentence.start, sentence.end)


def _members_with_parentheses(view: View, position: int) -> list[tuple[Mention, int | None]]:
    """A list of States, each perhaps followed by "(Article N)"."""
    found: list[tuple[Mention, int | None]] = []
    for mention in view.within(position, min(len(view.text), position + 400), "state"):
        glue = view.text[found[-1][0].end if found else position : mention.start]
        glue = re.sub(r"(?i)\bto\s+$", "", OWN_ARTICLE.sub("", glue))  # "... and to Chad"
        if (found and not LIST_GLUE.fullmatch(glue)) or (not found and glue.strip()):
            break
        own = OWN_ARTICLE.match(view.text, mention.end)
        found.append((mention, int(own.group(1)) if own else None))
    return found


def _reports_of(view: View, match: re.Match[str]) -> Found | None:
    """ "The initial Article 7 reports of Cameroon and Chad were overdue": the States owning
    the (transparency, Article 7) reports, with the status the sentence gives them."""
    if _in_other_convention(view, match.start()):
        return None
    members = list_after(view, match.end(), opener=False)
    if not members:
        return None
    status = REPORTS_STATUS.match(view.text, members[-1].end)
    sentence = view.sentence_at(match.start())
    noun_phrase = view.text[max(sentence.start, match.start() - 60) : match.end()]
    if not TRANSPARENCY_REPORT.search(noun_phrase.rsplit(",", 1)[-1]):
        return None  # "the report of Norway" may be a Coordinator's oral report
    if status:
        event = Event.OVERDUE if status["overdue"] or status["not_yet"] else Event.SUBMITTED
    elif match["submitted"]:
        event = Event.SUBMITTED  # "the initial reports submitted by Nauru and Tuvalu"
    elif OVERDUE_WORDS.search(noun_phrase.rsplit(",", 1)[-1]):
        event = Event.OVERDUE  # "the outstanding initial reports of Chad and Peru"
    else:
        return None
    return _listed(view, members, (7,), event, match.start())


def group_meaning(what: str, context: str) -> tuple[Event, tuple[int, ...]]:
    """What a group's description says: "overdue Initial Transparency Reports" -> overdue 7."""
    if re.search(r"(?i)extension\s+requests?", what):
        return Event.EXTENSION_REQUEST, article_numbers(what, context, Event.EXTENSION_REQUEST)
    event = Event.OVERDUE if OVERDUE_WORDS.search(what) else Event.OBLIGATION
    return event, article_numbers(what, "", event)


def _listed(
    view: View, members: list[Mention], numbers: tuple[int, ...], event: Event, start: int
) -> Found:
    sentence = view.sentence_at(start)
    end = max(sentence.end, members[-1].end)
    return Found(tuple(m.key for m in members), numbers, event, sentence.start, end)


def list_after(view: View, position: int, opener: bool = True) -> list[Mention]:
    """The States listed right after `position` (after a colon, dash, parenthesis or
    "namely"), inline ("Rwanda, Tunisia and Togo") or as a block of "Chad: ..." lines."""
    if opener:
        opening = LIST_OPENER.match(view.text, position)
        if opening is None:
            return []
        position = opening.end()
    if view.text.rfind("\n", 0, position) >= view.text.rfind(":", 0, position) - 1 and (
        _starts_line(view.text, position)
    ):
        return label_block(view, position) or inline_list(view, position)
    return inline_list(view, position)


def _starts_line(text: str, position: int) -> bool:
    return not text[text.rfind("\n", 0, position) + 1 : position].strip()


def inline_list(view: View, position: int) -> list[Mention]:
    members: list[Mention] = []
    for mention in view.within(position, min(len(view.text), position + 600), "state"):
        start = members[-1].end if members else position
        glue = view.text[start : mention.start]
        if not LIST_GLUE.fullmatch(glue) and not (not members and not glue.strip()):
            broken = _broken_name(view.text, start, mention.start, first=not members)
            if broken is None:
                break
            members.append(broken)
        members.append(mention)
    if members:
        last = _broken_name(view.text, members[-1].end, None, first=False)
        members += [last] if last else []
    return members


def _broken_name(text: str, start: int, end: int | None, first: bool) -> Mention | None:
    """A State name that a line break split ("Bosnia and\nHerzegovina") between `start` and
    the next listed State at `end` (or the list's end when `end` is None)."""
    lead = r"\s*(?:the\s+)?" if first else r"\s*(?:,|;|&|\band\b|,\s*and\b)\s*(?:the\s+)?"
    opening = re.compile(lead, re.I).match(text, start)
    if opening is None:
        return None
    words = list(re.finditer(r"[^\s,;.()]+", text[opening.end() : (end or len(text))][:120]))
    for count in range(2, min(6, len(words)) + 1):
        last = words[count - 1]
        if "\n" not in text[opening.end() : opening.end() + last.end()]:
            continue
        name_end = opening.end() + last.end()
        tail = text[name_end:end] if end is not None else ""
        if end is not None and not LIST_GLUE.fullmatch(tail):
            continue
        written = text[opening.end() : name_end]
        names = vocab.state_lookup()
        key = names.get(" ".join(written.split()).casefold()) or names.get(
            re.sub(r"-[ \t]*\n\s*", "", written).casefold()  # "Mozam-\nbique"
        )
        if key:
            return Mention("state", key, opening.end(), name_end, written)
    return None


def label_block(view: View, position: int) -> list[Mention]:
    """The labels of consecutive "State: ..." lines, up to the next numbered heading."""
    end = section_end(view.text, position)
    labels = []
    for line_start in _line_starts(view.text, position, end):
        states = view.within(line_start, min(end, line_start + 80), "state")
        if states and _is_label(view, line_start, states[0]):
            labels.append(states[0])
    return labels


def _line_starts(text: str, start: int, end: int) -> Iterator[int]:
    position = start
    while 0 <= position < end:
        yield position
        position = text.find("\n", position, end)
        position = position + 1 if position != -1 else -1


def section_end(text: str, position: int) -> int:
    following = NUMBERED_HEADING.search(text, position + 1)
    limit = min(len(text), position + SECTION_REACH)
    return min(following.start(), limit) if following else limit


def heading_events(view: View) -> Iterator[Found]:
    """A heading naming the event ("Article 4 Extension Requests", "States with Outstanding
    Article 7 Obligations") over a body that lists the States."""
    for heading in view.headings:
        event, numbers = _heading_meaning(heading.text)
        if not numbers or names_other_instrument(view, heading.start, heading.end):
            continue
        body_start = heading.end + 1
        members = label_block(view, body_start) or _first_sentence_list(view, body_start)
        if members:
            yield Found(tuple(m.key for m in members), numbers, event, heading.start, heading.end)


# A programme's heading over the States that declare completion or are still at work:
# "Declarations of compliance with Article 4", "States Parties still destroying stockpiles".
HEADING_COMPLETED = casefree.compile(
    r"(?i)\bdeclarations?\s+of\s+(?:compliance|completion)\b"
    r"|\bcompleted\s+(?:their\s+)?(?:clearance|destruction|obligations)\b"
)
HEADING_STILL = casefree.compile(
    r"(?i)\bStates(?:\s+Parties)?\s+(?:that\s+are\s+)?still\s+(?:destroying|clearing|"
    r"implementing|working\s+on|carrying\s+out)\b"
)


def _heading_meaning(title: str) -> tuple[Event, tuple[int, ...]]:
    group = GROUP.search(title)
    if group:
        return group_meaning(group["what"], title)
    requests = HEADING_REQUESTS.search(title)
    if requests:
        return Event.EXTENSION_REQUEST, article_numbers(
            requests.group(), title, Event.EXTENSION_REQUEST
        )
    if HEADING_COMPLETED.search(title):
        return Event.COMPLETED, article_numbers(title, title, Event.COMPLETED)
    if HEADING_STILL.search(title):
        return Event.OBLIGATION, article_numbers(title, title, Event.OBLIGATION)
    return Event.OBLIGATION, ()


def _first_sentence_list(view: View, position: int) -> list[Mention]:
    """The longest run of two or more States in the first sentence of a section's body."""
    sentence = next((s for s in view.sentences if s.start >= position), None)
    if sentence is None or sentence.start >= section_end(view.text, position):
        return []
    best: list[Mention] = []
    for mention in view.within(sentence.start, sentence.end, "state"):
        run = inline_list(view, mention.start)
        best = run if len(run) > len(best) else best
    return best if len(best) >= 2 else []


def article_numbers(phrase: str, context: str, event: Event) -> tuple[int, ...]:
    """Articles written in the phrase, else its topic, else (for requests and reports)
    the sentence's topic or the usual article."""
    written = [n for m in articles.ARTICLE.finditer(phrase) for n in articles.numbers(m["numbers"])]
    if written:
        return tuple(dict.fromkeys(written))
    topical = _topics(phrase)
    if topical:
        return topical
    # Requests and completions concern destruction (3) or clearance (4), the latter by default.
    if event is Event.EXTENSION_REQUEST:
        return _request_articles(context) or (4,)
    if event is Event.COMPLETED:
        in_context = [
            n for m in articles.ARTICLE.finditer(context) for n in articles.numbers(m["numbers"])
        ]
        return tuple(n for n in [*in_context, *_topics(context)] if n in (3, 4))[:1]
    return ()


def _written_articles(text: str) -> list[int]:
    return [n for m in articles.ARTICLE.finditer(text) for n in articles.numbers(m["numbers"])]


def _request_articles(text: str) -> tuple[int, ...]:
    """The deadline a request extends: the article written ("its Article 3 deadline"), else
    the topic (stockpile destruction 3, clearance 4)."""
    written = [n for m in articles.ARTICLE.finditer(text) for n in articles.numbers(m["numbers"])]
    return tuple(n for n in [*written, *_topics(text)] if n in (3, 4))[:1]


def _topics(text: str) -> tuple[int, ...]:
    return tuple(article for pattern, article in TOPICS if pattern.search(text))


def _overlaps(match: re.Match[str], spans: list[tuple[int, int]]) -> bool:
    return any(match.start() < end and start < match.end() for start, end in spans)


def _in_other_convention(view: View, position: int) -> bool:
    sentence = view.sentence_at(position)
    return names_other_instrument(view, sentence.start, sentence.end)


def _of_other_instrument(view: View, position: int) -> bool:
    """'... obligations under Article 5 of the APMBC': another instrument follows."""
    match = re.match(r"\s*,?\s*of\s+(?:the\s+)?", view.text[position : position + 12])
    if match is None:
        return False
    return bool(view.in_("instruments", position, position + match.end() + 60)) and not view.text[
        position + match.end() : position + match.end() + 3
    ].lower().startswith(("ccm", "con"))


# A group of States with a relative clause that states the event, its members named later:
# "States Parties that have completed the destruction of their stockpiles shared their
# experience, among them Slovakia, Peru and Sweden".
RELATIVE_GROUP = casefree.compile(
    r"(?i)\b(?:States(?:\s+Parties)?|countries)\s+(?:that|which|who)\s+"
)
DELAYED_OPENER = re.compile(
    r"(?i),?\s*(?:among\s+(?:them|whom|which|others)|including|such\s+as|namely|notably|"
    r"in\s+particular)\s*:?\s*"
)


def delayed_groups(view: View) -> Iterator[Found]:
    for sentence in view.sentences:
        for group in RELATIVE_GROUP.finditer(view.text, sentence.start, sentence.end):
            clause_end = min(sentence.end, group.end() + 140)
            for event, pattern in AGENT_PHRASES:
                phrase = pattern.search(view.text, group.end(), clause_end)
                if phrase is None or phrase.start() - group.end() > 40:
                    continue
                if event is Event.COMPLETED and FUTURE.search(
                    view.text[group.end() : phrase.start()]
                ):
                    continue
                opener = DELAYED_OPENER.search(view.text, phrase.end(), sentence.end)
                members = inline_list(view, opener.end()) if opener else []
                numbers = article_numbers(phrase.group(), sentence.text, event)
                if members and numbers:
                    yield Found(
                        tuple(m.key for m in members), numbers, event, sentence.start, sentence.end
                    )
                break


# A programme line per State under a heading that names the event: "Requests for more time
# under Article 4" then "Chad – statement".
# What follows a State on a programme line: its article, then who speaks and how
# ("(Article 3) – presentation of its request", "– statement (tbc)"), no sentence.
PROGRAMME_REST = re.compile(
    r"(?i)^\s*(?P<own>\((?:[\w.]+\s*){1,3}\))?\s*(?:[-–—:]\s*[^.\n]{0,80}|(?:\w+\s*){0,3}\)?)\s*$"
)
LONGEST_TITLE = 14


def programme_events(view: View) -> Iterator[Found]:
    lines = view.group("lines")
    for position, line in enumerate(lines):
        title = view.text[line.start_char : line.end_char]
        if len(title.split()) > LONGEST_TITLE or title.rstrip().endswith("."):
            continue
        event, numbers = _heading_meaning(title)
        if not numbers or names_other_instrument(view, line.start_char, line.end_char):
            continue
        members: list[tuple[Mention, tuple[int, ...]]] = []
        for following in lines[position + 1 :]:
            if view.text.count("\n", line.end_char, following.start_char) > len(members) + 1:
                break  # a blank line ends the programme's list
            states = view.within(following.start_char, following.end_char, "state")
            if not states or view.text[following.start_char : states[0].start].strip(" •*-–"):
                break
            rest = PROGRAMME_REST.match(view.text[states[0].end : following.end_char])
            if rest is None:
                break
            # "Bulgaria (Article 3) – ..." under "Requests ... under Article 3 and Article 4"
            own = article_numbers(rest["own"], "", Event.OBLIGATION) if rest["own"] else ()
            named = {*numbers, *_written_articles(title)}
            members.append((states[0], tuple(n for n in own if n in named) or numbers))
        for state, articles_of in members:
            yield Found((state.key,), articles_of, event, line.start_char, state.end)
