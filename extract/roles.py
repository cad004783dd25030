"""What a paper does with each name: proposes it, or uses it; and what it extends."""

from __future__ import annotations

import re
from itertools import dropwhile, takewhile

from kg.extract import gazetteer
from kg.extract.abbreviations import (
    Abbreviation,
    both_forms,
    in_hyphenated_word,
    is_joining_hyphen,
    long_form_offset,
)
from kg.extract.mentions import (
    GENRE_WORDS,
    SIZE_WORDS,
    TITLE_JUDGEMENTS,
    UNTYPED,
    Mention,
    covered,
    is_phrase_prefix,
    mention,
    replacing,
    title_prefix,
)
from kg.extract.names import DATASET_HEADS, GENERIC_HEADS, METHOD_HEADS, has_name_shape
from kg.extract.spans import (
    DESCRIPTION_HEADS,
    FINITE_VERB_TAGS,
    ING_NOUNS,
    JUDGEMENT_MODIFIERS,
    OBJECT_HEADS,
    TASK_NOUNS,
    TERM_TECHNIQUE_HEADS,
    TITLE_PHRASE_ENDS,
    is_gerund,
    title_words,
)
from spacy.tokens import Doc, Span, Token

from kg.model import CONCEPT, METHOD

# 'We release X-9B', 'we contribute: (1) X, …': the authors' own too.
PROPOSAL_VERBS = frozenset("propose introduce present develop design devise release "
                           "contribute".split())
NAMING_WORDS = frozenset("call called dub dubbed name named term termed coin coined".split())
AUTHOR_WORDS = frozenset("we our this paper work".split())
NEW_WORDS = frozenset("new novel simple first general unified scalable efficient variant "
                      "extension generalization".split())
# Words before the authors' own name for what they made: 'our novel X', 'the proposed X'.
OWN_WORDS = frozenset("novel new proposed".split())
EXTENSION = re.compile(r"\b(extend|extends|extending|generali[sz]e|generali[sz]es|"
                       r"generali[sz]ing|builds? (on|upon)|building (on|upon))\b")
BLOCKING_WORDS = frozenset("under with using on in from via than over into by and which that "
                           "for to atop upon within inside around".split())
AUTHOR_PRONOUNS = frozenset("we i".split())
# A judgement or a size before a known method names no new one: 'Small Language Models'.
LEAD_JUDGEMENTS = TITLE_JUDGEMENTS | SIZE_WORDS
DESCRIBING_VERBS = PROPOSAL_VERBS | frozenset("describe build construct define".split())
REFER_WORDS = frozenset("refer refers referred".split())
NAME_OPENERS = frozenset(['a', 'an', 'the', '"', '“', "'", '‘'])
MAX_DISTANCE = 15  # tokens between "we propose" and the name it introduces
# Words after which a sentence about the paper's method lists its named parts: 'ADR addresses
# these challenges via three components: the ADR Sensor …', '… which integrates A with B'.
PART_CUES = frozenset("component components module modules consists comprises comprising "
                      "integrates integrating combines combining introduces incorporates "
                      "proposes".split())
# Words that bring in examples of others' work: 'modules such as ASPP and PPM'.
EXAMPLE_WORDS = frozenset("such e.g. e.g like including".split())
# Words that turn a sentence from the method's parts to what it is compared with.
COMPARISON_WORDS = frozenset("than versus vs vs. compare outperform surpass beat baseline "
                             "prior existing".split())


def is_nameable(item: Mention) -> bool:
    """Could the paper be proposing this: a name, not a lowercase term of the field
    (a lowercase Method the rules did not find is the trained model's description:
    'a dual learning-based preference optimization framework')."""
    if item.name != item.name.lower() or is_abbreviated_here(item.span):
        return True
    return item.type != CONCEPT and not item.from_model


def past_short_form(doc: Doc, i: int, end: int) -> int:
    """The index after a bracketed word at doc[i] ('(MFF)'), before `end`; else i."""
    return i + 3 if i + 3 <= end and doc[i].text == "(" and doc[i + 2].text == ")" else i


def short_form_after(span: Span) -> Token | None:
    """The bracketed word right after the span ('MFF' of 'Fusion (MFF)'), or None."""
    doc, end = span.doc, span.end
    return doc[end + 1] if past_short_form(doc, end, len(doc)) > end else None


def without_part_word(span: Span) -> Span:
    """The span without a last part word: 'Multiscale Feature Fusion' of '… module'; a
    name that is one part word stays ('BLOCK')."""
    return span[:-1] if len(span) > 1 and span[-1].lower_ in PART_WORDS else span


def is_abbreviated_here(span: Span) -> bool:
    """Does a short form of the words follow them: 'a multi-head cross-covariance
    (MHC^3)'? The authors name what they abbreviate."""
    short = short_form_after(span)
    return short is not None and (has_name_shape(short.text) or
                                  short.is_upper and len(short) > 1) and \
        long_form_offset(short.text, span.text) is not None  # not 'prompting (GPT-4)'


def is_naming(token: Token) -> bool:
    """'called', 'dubbed', 'termed' as verbs, and the 'as' of 'referred to as'; not
    'so-called', not the noun 'terms', not a capitalized word ('Named Entity Linking',
    'Named Entity Recognition (NER) is …')."""
    if token.i == 0 or token.text[:1].isupper():
        return False
    if token.lower_ == "as":
        return is_authors_reference(token)
    return token.lemma_.lower() in NAMING_WORDS and token.pos_ == "VERB" and \
        token.nbor(-1).text != "-"


def is_authors_reference(token: Token) -> bool:
    """Is this 'as' the authors' own 'referred to as': in a sentence where they describe or
    propose ('I describe an architecture …, referred to as STNN'), or of their own method
    ('I evaluate this architecture, referred to as STNN')? Not what a field calls a thing
    ('we address a phenomenon referred to as catastrophic forgetting')."""
    doc = token.doc
    if token.i < 3 or token.nbor(-1).lower_ != "to" or token.nbor(-2).lower_ not in REFER_WORDS:
        return False
    before = doc[token.sent.start: token.i]
    head = doc[token.i - 4] if token.nbor(-3).text == "," and token.i >= 4 else token.nbor(-3)
    own = head.lower_ in METHOD_HEADS and \
        any(t.lower_ in ("this", "our") for t in doc[max(token.sent.start, head.i - 3): head.i])
    return own or any(t.lower_ in AUTHOR_PRONOUNS and t.i + 1 < token.i and
                      t.nbor(1).lemma_.lower() in DESCRIBING_VERBS for t in before)


def is_given_name(span: Span) -> bool:
    """Is the span a name the text gives ('a regularizer we term spectral dropout',
    'a method called the ladder critic')?"""
    before = span.start - 1
    if before >= 0 and span.doc[before].lower_ in ("a", "an", "the"):
        before -= 1
    return before >= 0 and is_naming(span.doc[before])


def is_authors_proposal(token: Token) -> bool:
    """'we (also) propose', 'this paper presents', 'our method introduces': the authors'
    own verb, not 'the recently proposed X'."""
    if token.lemma_.lower() not in PROPOSAL_VERBS or token.tag_ in ("VBN", "JJ"):
        return False
    before = token.doc[max(token.sent.start, token.i - 4): token.i]
    for word in reversed(before):
        if word.lower_ in AUTHOR_WORDS or is_own_method(word):
            return True
        if word.lower_ in ("and", "by"):
            return is_authors_clause(word)
        if word.pos_ not in ("ADV", "AUX", "PART"):
            return False
    return False


def is_authors_clause(conjunction: Token) -> bool:
    """Does a short clause of the authors' end at this 'and' or 'by' ('we eliminate
    trainable parameters and propose …', 'We address this gap by introducing …'), its
    words no punctuation but hyphens and brackets and no relative word ('we show that X,
    which …, and propose' is not one)?"""
    if conjunction.lower_ == "by" and conjunction.i > 0 and \
            conjunction.nbor(-1).tag_ == "VBN":
        return False  # 'the speedup achieved by introducing X': what others did
    start = max(conjunction.sent.start, conjunction.i - 10)
    for word in reversed(conjunction.doc[start: conjunction.i]):
        if word.lower_ in AUTHOR_PRONOUNS:
            return True
        if word.is_punct and word.text not in "()" and not is_joining_hyphen(word.doc, word.i) \
                or word.lower_ in ("that", "which", "who", "and"):
            return False  # not a clause's end: 'we fine-tune Llama (7B) and propose'
    return False


# Heads the authors call their own method by: 'our method', 'our approach'.
OWN_METHOD_HEADS = METHOD_HEADS | {"approach"}


def is_own_method(token: Token) -> bool:
    """Is the word the head of 'our method', 'our (new) framework' or 'the proposed model'
    (its last three words before it hold 'our', or end in 'the proposed')?"""
    if token.lower_ not in OWN_METHOD_HEADS:
        return False
    words = [t.lower_ for t in token.doc[max(token.sent.start, token.i - 3): token.i]]
    return "our" in words or words[-2:] == ["the", "proposed"]


def is_cue_subject(token: Token) -> bool:
    """Is the word the subject of a part cue right after it ('method' in 'our method
    introduces', 'framework' in 'The framework consists of')?"""
    after = next((t for t in token.doc[token.i + 1: token.sent.end]
                  if t.pos_ not in ("ADV", "AUX")), None)
    return after is not None and after.lower_ in PART_CUES


def is_leading_reference(token: Token) -> bool:
    """Does the sentence open with 'The framework' or 'This method' ('The framework
    consists of four modules: …')?"""
    start = token.sent.start
    return token.lower_ in OWN_METHOD_HEADS and token.i == start + 1 and \
        token.doc[start].lower_ in ("the", "this")


def is_head_of_phrase(item: Mention) -> bool:
    """Is the name the thing itself, not a modifier ('a Newton iteration', 'transformer-based')?"""
    doc = item.span.doc
    if item.span.end == len(doc):
        return True
    after = doc[item.span.end]
    if after.text == "-" and not item.span[-1].whitespace_:
        return False
    return after.pos_ not in ("NOUN", "PROPN") or after.lower_ in GENERIC_HEADS


def is_described(item: Mention) -> bool:
    """Is the mention the head of 'X of Y' ('incremental variants of Hyperband')?"""
    doc = item.span.doc
    return item.span.end < len(doc) and doc[item.span.end].lower_ == "of"


def proposed_after_verbs(sentence: Span, mentions: list[Mention]) -> list[Mention]:
    """The first name after each 'we propose/introduce …' or 'called …' in the sentence
    ('we propose a new paradigm, termed X, and present Y').

    A well-known name is proposed only by naming ('called BERT') or a title 'X: …'.
    """
    found_names = []
    for token in sentence:
        naming = is_naming(token)
        if naming or is_authors_proposal(token):
            start = token.i
            # The first word of what comes next, past an article or quote: '"X"'.
            near = next((t.i for t in sentence.doc[start + 1: start + 4]
                         if t.lower_ not in NAME_OPENERS), start + 1)
            # What a paper names ("we call it the ladder critic"), or a method it introduces
            # with no article ("we introduce meta-factorization"), may be lowercase.
            found = next((m for m in mentions if start < m.span.start <= start + MAX_DISTANCE
                          and is_head_of_phrase(m)
                          and (naming or gazetteer.lookup(m.name) is None)
                          and not is_short_form_of_known(m, mentions)
                          and (is_nameable(m) or naming and m.span.start <= max(start + 2, near)
                               or m.span.start == start + 1 and m.type == METHOD
                               and not is_described(m))),
                         None)
            if found and not is_anothers(found, sentence.doc[start + 1: found.span.start],
                                         naming):
                found_names += [found, *coordinated_with(found, sentence, mentions)]
    return found_names


def is_short_form_of_known(item: Mention, mentions: list[Mention]) -> bool:
    """Is the name the bracketed short form of a well-known name right before it ('SAM'
    of 'introducing Sharpness-Aware Minimization (SAM) into …'), its letters the long
    form's (not 'Vision Transformer (ViT-X), a new backbone')? The proposal was the long
    form's to make."""
    return is_bracketed(item) and any(
        m.span.end == item.span.start - 1 and gazetteer.lookup(m.name) is not None
        and long_form_offset(item.name, m.span.text) is not None for m in mentions)


def is_anothers(found: Mention, between: Span, naming: bool) -> bool:
    """Do the words between a proposal verb and the name make it another's: 'we develop X
    under the Y framework' proposes X, not Y; 'We release the weights of Mistral-7B', 'a
    simulator supporting PPO, Rainbow-IQN', 'by introducing SAM into federated learning'?
    A word inside a hyphenated one blocks nothing ('an end-to-end framework, SIEVE'), nor
    'of' before a comma or bracket, after a naming verb or before the name's apposition ('a
    family of models, Hydra, …', 'We term this kind of architecture a Linearizer', 'the
    design of FooDB, a vector database')."""
    doc, end = found.span.doc, found.span.end
    introduced = end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ("a", "an")
    for word in between:
        if in_hyphenated_word(word):
            continue
        if word.lower_ in BLOCKING_WORDS or word.tag_ == "VBG" and not naming or \
                word.lower_ == "of" and not (naming or introduced or any(
                    t.text in (",", "(", ":") for t in between if t.i > word.i)):
            return True  # 'We call the resulting method X' names X all the same
    after = past_short_form(doc, end, len(doc))
    return after < len(doc) and doc[after].lower_ == "into"


# Heads a described proposal drops ('a two-stage distillation strategy'): they only say
# it is a method (docs/annotation.md).
DESCRIBED_HEADS = DESCRIPTION_HEADS | frozenset("module pipeline step criterion".split())
# Words between a proposal verb and the description it introduces: 'we propose a novel …'.
DESCRIPTION_OPENERS = NAME_OPENERS | OWN_WORDS
# Judgements a description may start with besides the span filter's: 'a systematic …',
# 'a training-free …'.
DESCRIPTION_JUDGEMENTS = JUDGEMENT_MODIFIERS | frozenset(
    "systematic principled generic plug-and-play off-the-shelf simple-yet-effective".split())
# ... and the last pieces of hyphenated ones: 'computation-efficient', 'training-free'.
HYPHENATED_JUDGEMENT_ENDS = DESCRIPTION_JUDGEMENTS | {"free"}
# Process nouns that name no technique of the paper's own: what it does or studies
# ('a systematic evaluation', 'online training', 'flood mapping', 'a compact
# representation', 'an interesting finding').
NOT_TECHNIQUE_WORDS = TASK_NOUNS | OBJECT_HEADS | ING_NOUNS | frozenset("""
evaluation investigation training learning representation formulation reformulation
implementation motivation simulation generation mapping editing execution communication
steering verification correction calibration adaptation estimation finding understanding
benchmarking
""".split())


def word_at(doc: Doc, i: int, end: int) -> Span:
    """The word starting at doc[i], before `end`: one token, or the pieces hyphens join
    ('state-of-the-art', 'VIG-guided')."""
    last = i
    while last + 2 < end and is_joining_hyphen(doc, last + 1):
        last += 2
    return doc[i: last + 1]


def is_description_word(word: Span, after_noun: bool) -> bool:
    """A hyphenated word in any case ('two-stage'), a lowercase adjective or noun, or a past
    participle before the description's first noun ('a learned token pruning'); not a
    clause's verb ('experiments showing …', '… guided by …') nor one that names ('a
    method called …')."""
    token = word[0]
    if len(word) > 1:
        return True
    if not (token.is_lower and token.is_alpha) or is_naming(token):
        return False
    return token.pos_ in ("ADJ", "NOUN") or token.tag_ == "VBN" and not after_noun


def is_judgement(word: Span) -> bool:
    """'simple', 'state-of-the-art', or a hyphenated word ending in a judgement:
    'computation-efficient', 'training-free' ('two-stage' is none)."""
    return word.text.lower() in DESCRIPTION_JUDGEMENTS or \
        len(word) > 1 and word[-1].lower_ in HYPHENATED_JUDGEMENT_ENDS


def is_technique_word(token: Token) -> bool:
    """A noun naming a technique or an operation: 'distillation', 'harmonization',
    'filtering'."""
    word = token.lower_
    return token.pos_ == "NOUN" and word not in NOT_TECHNIQUE_WORDS and (
        token.lemma_.lower() in TERM_TECHNIQUE_HEADS or
        word.endswith(("tion", "sion", "ing")) and len(word) > 6)


def is_said_more_after(word: Span) -> bool:
    """Does the text say more right after a description's last word, for the rules of
    names to take: 'a … investigation of', 'a … framework, FLoRA,', '… (PHO)', '…
    (TSD-Net)', '…, called FooNet', '… that we call FooNet'? (Not any bracket: '…
    strategy (Section 3)'.)"""
    doc, end = word.doc, min(word.end + 4, word.sent.end)
    after = doc[word.end: end]
    if not len(after):
        return False
    if after[0].text == "(":
        inside = takewhile(lambda t: t.text != ")", doc[word.end + 1: word.sent.end])
        return any(has_name_shape(t.text) or t.is_upper and len(t) > 1 for t in inside)
    named = len(after) >= 2 and after[0].text == "," and not after[1].is_lower
    return after[0].lower_ == "of" or named or any(map(is_naming, after))


def description_words(doc: Doc, start: int, end: int) -> list[Span]:
    """The words of a description from doc[start] (past an article or 'novel') to `end`
    at the latest (`is_description_word`)."""
    while start < end and doc[start].lower_ in DESCRIPTION_OPENERS:
        start += 1
    words: list[Span] = []
    while start < end:
        word = word_at(doc, start, end)
        if not is_description_word(word, any(w[-1].pos_ == "NOUN" for w in words)):
            break
        words.append(word)
        start = word.end
    return words


def technique_of(words: list[Span]) -> Span | None:
    """The technique a description names, without a head that only says it is a method:
    'a two-stage distillation strategy' -> 'two-stage distillation'. Its last word names a
    technique (`is_technique_word`) and something describes it: two words at least, past
    judgements ('a simple training strategy', 'a closed-form solution' describe none);
    None too when the text names it or says more (`is_said_more_after`)."""
    if not words or is_said_more_after(words[-1]):
        return None
    words = list(dropwhile(is_judgement, words))
    if len(words) >= 2 and words[-1].text.lower() in DESCRIBED_HEADS:
        words.pop()
    if len(words) < 2 or not is_technique_word(words[-1][-1]):
        return None
    return words[0].doc[words[0].start: words[-1].end]


def starts_clause(doc: Doc, i: int, end: int) -> bool:
    """Is doc[i] (past adverbs) a finite verb: '… and contrastive pruning further improves'?"""
    verb = next((t for t in doc[i:end] if t.pos_ != "ADV"), None)
    return verb is not None and verb.tag_ in FINITE_VERB_TAGS


def proposed_descriptions(verb: Token) -> list[Span]:
    """The techniques an authors' proposal verb introduces by a description
    (`technique_of`), and those it lists after them with 'and', none the subject of a
    clause: 'we introduce multi-view lighting harmonization to …', 'we propose a curriculum
    relaxation scheme and a contrastive token merging method'. A list stops at an item that
    is no technique ('a large-scale benchmark and …')."""
    doc, end = verb.doc, verb.sent.end
    found: list[Span] = []
    start = verb.i + 1
    while words := description_words(doc, start, end):
        span, after = technique_of(words), words[-1].end
        if span is None or found and starts_clause(doc, after, end):
            break
        found.append(span)
        if after >= end or doc[after].lower_ != "and":
            break
        start = after + 1
    return found


def described_proposals(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Methods the authors introduce by a lowercase description (`proposed_descriptions`)
    where no name is written ('we propose a bias-aware training …', not 'we propose FooNet
    training') and no well-known method ('a knowledge distillation framework' uses
    knowledge distillation)."""
    named = covered([m for m in mentions if m.name != m.name.lower()])
    found = []
    for verb in filter(is_authors_proposal, doc):
        for span in proposed_descriptions(verb):
            item = mention(span, METHOD, span.text)
            if item and not named & set(range(span.start, span.end)) and \
                    gazetteer.lookup(span.text) is None:
                found.append(item)
    return found


def coordinated_with(first: Mention, sentence: Span, mentions: list[Mention]) -> list[Mention]:
    """Coined names the authors' proposal goes on to list with 'and' ('we introduce
    Frequency Dynamic Augmentation (FDA) to perturb …, and Spatio-Temporal Dual Masking
    (STDM) to break …'), until a comparison or examples ('and compare it with X and Y',
    'modules such as ASPP and PPM'), a clause ('termed X that unifies Y and Z') or another
    method's name ('evaluate it against BarNet and BazNet'); not in brackets ('(LLMs and
    SLMs)'). `mentions` are the sentence's."""
    doc, found = sentence.doc, []
    for m in mentions:
        if m.span.start <= first.span.end:
            continue
        between = doc[first.span.end: m.span.start]
        if any(t.lemma_.lower() in COMPARISON_WORDS | EXAMPLE_WORDS or t.tag_ in FINITE_VERB_TAGS
               for t in between):
            break
        if sum(t.text == "(" for t in between) > sum(t.text == ")" for t in between):
            continue
        before = m.span.start - 1
        while before > first.span.end and doc[before].lower_ in NAME_OPENERS:
            before -= 1
        if doc[before].lower_ == "and" and m.type == METHOD and is_coined(m) and \
                is_head_of_phrase(m) and gazetteer.lookup(m.name) is None:
            found.append(m)
        elif m.type == METHOD and is_coined(m):
            break  # an 'and' after another method's name joins that one, not the proposal
    return found


def proposed_parts(sentence: Span, mentions: list[Mention], proposed: set[str],
                   follows_proposal: bool = False) -> list[str]:
    """Names of the parts a sentence lists for the paper's own method after a part cue
    ('we propose CACR, which integrates … two objectives, Cross-View Context and …'; 'ADR
    … via three components: the ADR Sensor …'): Methods of several capitalized words no
    gazetteer knows. The cue (not one glued after a hyphen: 'multi-module') follows the
    nearest authors' proposal or proposed name before it with no other method's name
    between them (a lowercase description of the paper's method or a modifier such as
    'DETR-based' is none), and the list ends at a closing bracket or a comparison
    ('compare', 'outperforms', 'than'): not a baseline's 'X, which integrates Y', not 'and
    compare it with Z'. 'Our method' or, right after a sentence that proposes or names a
    proposed method (`follows_proposal`), 'The framework' anchors a cue it is the subject of
    ('Our method introduces …', 'The framework consists of …')."""
    anchors = sorted([t.i for t in sentence if is_authors_proposal(t) or is_cue_subject(t) and
                      (is_own_method(t) or follows_proposal and is_leading_reference(t))] +
                     [m.span.end - 1 for m in mentions if m.name.lower() in proposed])
    cue = next((t.i for t in sentence if anchors and t.i > anchors[0]
                and t.lower_ in PART_CUES and t.nbor(-1).text != "-"), None)
    if cue is None:
        return []
    anchor = max(a for a in anchors if a < cue)
    if any(anchor < m.span.start < cue and m.name.lower() not in proposed and m.type == METHOD
           and m.name != m.name.lower() and is_head_of_phrase(m) for m in mentions):
        return []
    end = list_end(sentence, cue, covered(mentions))
    return [m.name.lower() for m in mentions
            if cue < m.span.start < end and m.type == METHOD and is_title_cased(m.span)
            and is_head_of_phrase(m) and m.name.lower() not in proposed
            and gazetteer.lookup(m.name) is None]


def list_end(sentence: Span, cue: int, named: set[int]) -> int:
    """Where the parts listed after the cue end: at a bracket closed that opened before
    the cue (not the ')' of 'Module (OANO)'), or a comparison word or a verb of using
    ('… interoperability using DICOM, …') outside a name."""
    depth = 0
    for token in sentence.doc[cue + 1: sentence.end]:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            if depth == 0:
                return token.i
            depth -= 1
        elif token.i not in named and (token.lemma_.lower() in COMPARISON_WORDS or
                                       token.lower_ in USE_VERBS):
            return token.i
    return sentence.end


def is_title_cased(span: Span) -> bool:
    """A name of several capitalized words ('Cross-View Context', 'Outfit-aware Noise
    Optimization Module': a word after a hyphen may be lowercase), not an acronym alone."""
    words = [t for t in span if t.is_alpha]
    capitals = sum(t.text[0].isupper() for t in words)
    return capitals >= 2 and all(t.text[0].isupper() or t.i > 0 and t.nbor(-1).text == "-"
                                 and not t.nbor(-1).whitespace_ for t in words)


def is_apposition_of_new(item: Mention) -> bool:
    """'X, a new …' or 'X is a novel …'."""
    doc = item.span.doc
    following = [t.lower_ for t in doc[item.span.end: item.span.end + 4]]
    return len(following) >= 3 and following[0] in {",", "is"} and \
        following[1] in {"a", "an"} and following[2] in NEW_WORDS


def is_named_description(item: Mention) -> bool:
    """'a … model, X,' or 'a … algorithm, X (': a name given to a method the text
    describes with an indefinite article ('training a compute-optimal model, Chinchilla,
    that …'; 'design a policy optimization algorithm, LPO, with …')."""
    doc, start = item.span.doc, item.span.start
    after = doc[item.span.end].text if item.span.end < len(doc) else ""
    if start < 3 or doc[start - 1].text != "," or after not in {",", "(", "that", "which"} or \
            doc[start - 2].lower_ not in METHOD_HEADS or gazetteer.lookup(item.name):
        return False
    for token in reversed(doc[max(item.span.sent.start, start - 16): start - 2]):
        if token.lower_ in {"a", "an"}:
            return True
        if token.pos_ not in ("ADJ", "ADV", "NOUN", "PROPN", "PUNCT") and \
                token.tag_ not in ("VBN", "VBG"):
            return False
    return False


def is_genre_title(prefix: Span) -> bool:
    """Does the title go on to say what kind of paper it is, its subtitle's first phrase
    headed by a genre word ('Mixture of Experts: A Comprehensive Survey and …', '…: A
    Gradient-Descent Perspective'), so that its 'X' is the topic, not a name the paper
    gives? Up to a preposition or punctuation ('A Survey, Taxonomy and Outlook', 'A
    Survey (Extended Version)'); not a genre word that modifies ('ReviewRL: A Review
    Generation Model')."""
    after = [t for t in title_words(prefix.doc) if t.i > prefix.end]
    phrase = list(takewhile(lambda t: t.lower_ not in TITLE_PHRASE_ENDS and
                            (not t.is_punct or is_joining_hyphen(t.doc, t.i)), after))
    if phrase and phrase[-1].lower_ in ("paper", "article", "note"):
        phrase.pop()  # 'A Position Paper'
    return bool(phrase) and phrase[-1].lower_ in GENRE_WORDS and \
        not in_hyphenated_word(phrase[-1])


def title_lead(doc: Doc) -> Span | None:
    """The title's leading phrase: all of a title without ':', up to its first
    preposition ('Iterative Deepening Hyperband', 'Discrete Total Variation with …')."""
    words = title_words(doc)
    if not words or any(":" in t.text for t in words):
        return None
    stop = next((i for i, t in enumerate(words) if t.lower_ in TITLE_PHRASE_ENDS), len(words))
    return doc[words[0].i: words[stop - 1].i + 1] if stop else None


def title_method(doc: Doc, mentions: list[Mention]) -> Mention | None:
    """The method a title names as the paper's own: a leading phrase of modifiers before a
    known method ('Sparsity-Constrained Optimal Transport', 'Stacked tensorial neural
    networks for …', 'Iterative Deepening Hyperband'); not a gerund's object ('Training
    Compute-Optimal Large Language Models')."""
    lead = title_lead(doc)
    if lead is None or len(lead) < 2 or is_gerund(lead[0]) or \
            lead[0].lower_ in LEAD_JUDGEMENTS and lead[1].text != "-" or \
            any(t.pos_ not in ("ADJ", "NOUN", "PROPN") and t.text != "-" and t.tag_ != "VBN"
                for t in lead) or gazetteer.lookup(lead.text) is not None:
        return None
    inside = [m for m in mentions if lead.start <= m.span.start and m.span.end <= lead.end]
    # A judgement ('Efficient Transformers', a survey's) or a data set ('ImageNet Pretrained
    # Transformers') before the method names no new one.
    if any(m.type not in (METHOD, CONCEPT, UNTYPED) for m in inside):
        return None
    known = next((m for m in inside if m.span.end == lead.end and m.span.start > lead.start),
                 None)
    return mention(lead, METHOD) if known is not None and known.type == METHOD else None


def is_owned(item: Mention) -> bool:
    """'our (novel) X' or 'the proposed X': the authors' own name for what they made."""
    doc, before = item.span.doc, item.span.start - 1
    if item.span.end < len(doc) and doc[item.span.end].lower_ in GENERIC_HEADS:
        return False  # 'the proposed RL agent': the agent is theirs, not RL
    while before >= 0 and doc[before].lower_ in OWN_WORDS:
        before -= 1
    return before >= 0 and (doc[before].lower_ == "our" or doc[before].lower_ == "the" and
                            doc[before + 1].lower_ == "proposed" and before + 1 < item.span.start)


def is_named_own(item: Mention) -> bool:
    """A name set after the authors' own description of it: 'Our open-source compiler,
    nn4mc, generates …', 'This idea leads to our method: Fisher-Weighted SVD'; not 'our
    experiments, X' nor 'our backbone, ConvNeXt-T'."""
    doc, mark = item.span.doc, item.span.start - 1
    if mark < 1 or doc[mark].text not in (",", ":") or doc[mark - 1].lemma_ not in OWN_HEADS:
        return False  # not 'In our experiments, Qwen2.5 achieves …'
    phrase = doc[max(item.span.sent.start, mark - 5): mark]
    our = next((t.i for t in reversed(phrase) if t.lower_ == "our"), None)
    words = doc[our + 1: mark] if our is not None else []
    return our is not None and all(t.pos_ in ("ADJ", "NOUN", "PROPN") or t.text == "-"
                                   for t in words) and \
        not any(t.lower_ in NOT_OWN_WORDS for t in words)  # 'our base model, Qwen2.5-7B,'


# Heads of the authors' own description of what they made, and words that make it another's.
OWN_HEADS = OWN_METHOD_HEADS | DATASET_HEADS | frozenset(
    "compiler tool pipeline platform solution methodology".split())
NOT_OWN_WORDS = frozenset("base baseline baselines backbone teacher target reference "
                          "pretrained pre-trained main".split())


def is_coined(item: Mention) -> bool:
    """A name the shape of a coinage ('CUA-Gym-A3B') or of several capitalized words
    ('Illumination Guided Modulation Block'), not one plain word ('our Router')."""
    return any(has_name_shape(t.text) for t in item.span) or is_title_cased(item.span)


# Words a part of a method is called by: 'the Reference-Alignment Branch', 'the Adaptive
# Support Enhancement (ASE) module'.
# Not 'mechanism' or 'unit': 'the Multi-Armed Bandit (MAB) mechanism', 'Gated Recurrent Unit'.
PART_WORDS = frozenset("module block branch stream component adapter projector".split())


# Words of a sentence about others' work: 'Existing methods rely on the … Module'.
BASELINE_WORDS = frozenset("existing prior previous previously conventional traditional "
                           "standard unlike following baseline baselines et".split())


def is_coined_part(item: Mention) -> bool:
    """A part named with capitalized words and a part word, no gazetteer name with a part
    word ('the Reference-Alignment Branch', 'the Semantic-aware Feature Re-fusion (SAFR)
    module'; not 'the Transformer Block')."""
    if item.type != METHOD or not is_title_cased(item.span) or \
            gazetteer.lookup(item.name) is not None:
        return False
    doc = item.span.doc
    end = past_short_form(doc, item.span.end, len(doc))
    if item.span[-1].lower_ in PART_WORDS:
        return gazetteer.lookup(item.span[:-1].text) is None
    return end < len(doc) and doc[end].lower_ in PART_WORDS


# Words that may open a sentence before the part it is about: 'First, the …'.
SENTENCE_OPENERS = frozenset("first second third finally then next specifically moreover "
                             "furthermore additionally subsequently concretely , the a an".split())


def is_known_or_baseline(item: Mention) -> bool:
    """A gazetteer name, by itself or by its short form ('Group Relative Policy Optimization
    (GRPO)'), or a name of another's thing ('A Token Pruning Baseline (TPB)')."""
    name = without_part_word(item.span)
    short = short_form_after(item.span)
    return gazetteer.lookup(name.text) is not None or \
        short is not None and gazetteer.lookup(short.text) is not None or \
        name[-1].lower_ in NOT_OWN_WORDS


# Verbs that say what a thing is or has, not what a part does: 'X has emerged', 'X remains'.
STATE_VERBS = frozenset("is are has have does do remains remain plays play".split())
# ... and what a model scores: 'Gemini 2.5 Pro achieves the highest accuracy'.
OUTCOME_VERBS = frozenset("achieves achieve solves solve performs perform struggles struggle "
                          "outperforms outperform surpasses surpass scores score reaches reach "
                          "attains attain obtains obtain lags lag ranks rank fails fail "
                          "excels excel yields yield shows show demonstrates demonstrate "
                          "exhibits exhibit suffers suffer matches match beats beat trails "
                          "trail underperforms underperform succeeds succeed".split())
# Openers that count a paper's parts: 'Second, Artifact-Guided Latent Diffusion injects …'.
ORDINAL_OPENERS = frozenset("first second third fourth finally then next specifically "
                            "concretely subsequently".split())


def is_acting_part(item: Mention) -> bool:
    """A coined name (capitalized words, no gazetteer name) that opens its sentence as the
    subject of a verb of its own: 'Geometry-Aware Reprojection (GAR) uses …', 'Second,
    Artifact-Guided Latent Diffusion (AGLD) injects …'; not 'X is …' or 'X has …'."""
    if item.type != METHOD or not is_title_cased(item.span) or \
            item.span[-1].tag_ in ("NNS", "NNPS") or is_known_or_baseline(item):
        return False  # not a family: 'Large Vision-Language Models (LVLMs) struggle …'
    doc, start, end = item.span.doc, item.span.sent.start, item.span.sent.end
    opening = doc[start: item.span.start]
    if any(t.lower_ not in SENTENCE_OPENERS for t in opening):
        return False
    i = past_short_form(doc, item.span.end, end)
    # A part is abbreviated or counted: not 'Claude 3.5 Sonnet solves …' of a benchmark.
    if i == item.span.end and not any(t.lower_ in ORDINAL_OPENERS for t in opening):
        return False
    if i < end and doc[i].lower_ in PART_WORDS:
        i += 1
    verb = next((t for t in doc[i: end] if t.pos_ != "ADV"), None)
    return verb is not None and verb.i < i + 3 and verb.tag_ in ("VBZ", "VBP") and \
        verb.lower_ not in STATE_VERBS | OUTCOME_VERBS


# Verbs of using, as written (the rules' pipeline has no lemmatizer: 'uses' stays 'uses').
USE_VERBS = frozenset("use uses used using adopt adopts adopted adopting employ employs "
                      "employed employing leverage leverages leveraged leveraging utilize "
                      "utilizes utilized utilizing rely relies relying apply applies applied "
                      "applying borrow borrows borrowed borrowing".split())


def is_about_others(sentence: Span, mentions: list[Mention]) -> bool:
    """Does the sentence speak of others' work ('Existing methods rely on …', 'Unlike
    ResNet, …', 'We show that prior detectors employ …'): a baseline word outside every
    name ('the Prior-Guided Fusion Module' has none, nor 'instruction-following'), with no
    'our' after the last one ('Compared with previous methods, our …' turns to the
    authors' own; 'Our experiments show that previous methods adopt …' does not)?"""
    named = covered(mentions)
    cues = [t.i for t in sentence if t.lower_ in BASELINE_WORDS and t.i not in named and
            (t.i == 0 or t.nbor(-1).text != "-")]
    return bool(cues) and not any(t.lower_ == "our" for t in sentence.doc[cues[-1]: sentence.end])


def is_used(item: Mention, sentence_mentions: list[Mention], proposed: set[str]) -> bool:
    """Is the name the object of a verb of using ('Each stage uses a Convolutional Block
    Attention Module')? Not when the user is the authors' ('our network employs …') or
    their method ('FooNet uses a …'), the part is new ('employs a novel …'), or the verb
    is passive ('the features used by the … Block')."""
    doc, start = item.span.doc, item.span.sent.start
    verb = next((t for t in doc[max(start, item.span.start - 4): item.span.start]
                 if t.lower_ in USE_VERBS), None)
    if verb is None:
        return False
    between = {t.lower_ for t in doc[verb.i + 1: item.span.start]}
    own_user = any(t.lower_ == "our" for t in doc[start: verb.i]) or \
        any(m.span.end <= verb.i and m.name.lower() in proposed for m in sentence_mentions)
    return not (own_user or between & (OWN_WORDS | {"by", "within"}))


def introduces_method(verb: Token) -> bool:
    """Does the authors' proposal verb introduce a method, a method head within its next
    eight words and before a preposition ('we propose a training-free framework', '… a
    video-centric paradigm'), not a study ('We present a study of model merging')?"""
    for word in verb.doc[verb.i + 1: min(verb.i + 9, verb.sent.end)]:
        if word.lower_ in OWN_METHOD_HEADS | DESCRIPTION_HEADS:
            return True
        if (word.lower_ in BLOCKING_WORDS or word.lower_ == "of") and \
                not in_hyphenated_word(word):
            return False  # 'a theoretical analysis of the attention mechanism'
    return False


def speaks_of_own_method(sentence: Span) -> bool:
    """'Our framework comprises …', 'our method uses …'."""
    return any(t.lower_ == "our" and t.i + 1 < sentence.end and
               t.nbor().lower_ in OWN_METHOD_HEADS | DESCRIPTION_HEADS for t in sentence)


def coined_parts(by_sentence: list[tuple[Span, list[Mention]]], proposed: set[str]) -> list[str]:
    """The coined parts (`is_coined_part`, not `is_used`) of sentences from the paper's
    first proposal on (of a name, or of a method it describes: 'we propose a training-free
    framework') that are not about others' work (`is_about_others`) and name no other
    method before the part ('Deep Evidence Fusion (DEF), which introduces a … Module');
    in the sentences after the proposal's, also the parts proposed passively
    (`is_proposed_passively`) and those that act (`is_acting_part`)."""
    found, started, said = [], False, False
    for sentence, inside in by_sentence:
        proposes = [t for t in sentence if is_authors_proposal(t)]
        started = started or any(m.name.lower() in proposed for m in inside) or \
            any(proposed or introduces_method(verb) for verb in proposes) or \
            speaks_of_own_method(sentence)
        if not started or is_about_others(sentence, inside):
            said = said or started and bool(proposes)
            continue
        parts = [m for m in inside if (is_coined_part(m) or is_enumerated_part(m) or said and (
            is_proposed_passively(m) or is_acting_part(m))) and not is_used(m, inside, proposed)]
        said = said or bool(proposes)
        ours = proposed | {m.name.lower() for m in parts}
        found += [part.name.lower() for part in parts
                  if not any(m.span.end <= part.span.start and m.type == METHOD and
                             m.name.lower() not in ours and is_coined(m) and
                             not is_bracketed(m) and gazetteer.lookup(m.name) is None
                             for m in inside)]
    return found


# The mark of an item of a numbered list: '(1)', '2)', '(ii)', '(a)'.
ENUMERATION_MARK = re.compile(r"\d{1,2}|[ivx]+|[a-e]")
# Words before a mark that make it a reference, not a list: 'Eq. (3)', 'Figure 2(b)'.
REFERENCE_WORDS = frozenset("eq eq. equation equations fig fig. figure figures table "
                            "tables section sections".split())


def is_enumerated_part(item: Mention) -> bool:
    """A coined name no gazetteer knows that opens an item of a numbered list, past an
    article: '(1) Joint Supervised Fine-tuning on …, (2) the MirrorVerify step'; not a
    list of what the paper compares with ('compared with (1) BarNet', 'against (a) FooNet')
    or examples, nor a reference ('Eq. (3)', 'Figure 2(b)')."""
    doc, i = item.span.doc, item.span.start - 1
    while i >= 0 and doc[i].lower_ in NAME_OPENERS:
        i -= 1
    if item.type != METHOD or not is_coined(item) or is_known_or_baseline(item) or \
            i < 1 or doc[i].text != ")" or ENUMERATION_MARK.fullmatch(doc[i - 1].lower_) is None:
        return False
    mark = i - 2 if i >= 2 and doc[i - 2].text == "(" else i - 1
    before = doc[item.span.sent.start: mark]
    last = next((t.lower_ for t in reversed(before) if t.text != "."), "")
    return last.rstrip("0123456789") not in REFERENCE_WORDS and \
        not any(t.lemma_.lower() in COMPARISON_WORDS | EXAMPLE_WORDS | {"against"}
                for t in before)


def is_bracketed(item: Mention) -> bool:
    """A name in brackets, the short form of the words before it: '… Head (CRH)'."""
    doc, start = item.span.doc, item.span.start
    return start > 0 and doc[start - 1].text == "(" and \
        item.span.end < len(doc) and doc[item.span.end].text == ")"


# Participles of a passive proposal: 'the … module (MFF) is proposed to …'.
PROPOSED_PARTICIPLES = frozenset("proposed designed devised introduced developed presented "
                                 "constructed".split())
QUESTION_WORDS = frozenset("how why whether when where what".split())


def is_proposed_passively(item: Mention) -> bool:
    """A coined name (`is_coined`, no gazetteer name) the sentence says is proposed, past
    its short form and a part word: 'the Multiscale Feature Fusion module (MFF) is
    proposed to …', 'a Top-K Semantic Feature Fusion mechanism is devised', 'the
    Connectivity Refinement Decoder (CRD) is designed'; not 'X was proposed by Li et al.'"""
    doc, i, end = item.span.doc, item.span.end, item.span.sent.end
    name = without_part_word(item.span)
    if item.type != METHOD or is_known_or_baseline(item) or \
            not (is_title_cased(name) or any(has_name_shape(t.text) for t in name)) or \
            item.span.start > 0 and doc[item.span.start - 1].lower_ in QUESTION_WORDS:
        return False  # not 'We examine how RLMs are developed'
    i = past_short_form(doc, i, end)
    if i < end and doc[i].lower_ in PART_WORDS | DESCRIBED_HEADS:
        i = past_short_form(doc, i + 1, end)  # 'the … module (MFF) is'
    if i >= end or doc[i].lower_ not in ("is", "are"):
        return False
    verb = next((t for t in doc[i + 1: end] if t.pos_ != "ADV"), None)
    return verb is not None and verb.lower_ in PROPOSED_PARTICIPLES and \
        not (verb.i + 1 < end and doc[verb.i + 1].lower_ == "by")


def variants_of(proposed: set[str], mentions: list[Mention]) -> set[str]:
    """Names that extend a proposed one, coined by the paper too: 'CUA-Gym-A3B' for
    CUA-Gym, 'DualFact-T' for DualFact, 'HarmonicBlock' for Harmonic."""
    found = set()
    for item in mentions:
        name = item.name
        for stem in proposed:
            rest = name[len(stem):]
            if len(stem) >= 3 and name.lower().startswith(stem) and rest and \
                    (rest[0] == "-" or rest[0].isupper()) and gazetteer.lookup(name) is None:
                found.add(name.lower())
    return found


def propose(mentions: list[Mention], names: set[str]) -> None:
    """Set `proposed` on every mention of these names (lowercase); a proposed name the
    context left a Concept, or untyped, is a Method."""
    for item in mentions:
        if item.name.lower() in names:
            item.proposed = True
            if item.type in (CONCEPT, UNTYPED):
                item.type = METHOD


def mark_proposed(doc: Doc, mentions: list[Mention],
                  abbreviations: list[Abbreviation] = ()) -> list[Mention]:
    """The mentions, with `proposed` set on every mention of a name the paper introduces
    (and on both forms of a proposed name the text abbreviates); when the text introduces
    none, the title's method (`title_method`) joins them in place of the mentions inside
    it (the known method it ends with, a modifier's term); and so do the techniques the
    text describes without a name (`described_proposals`), in place of those inside them."""
    proposed_names = set()
    prefix = title_prefix(doc)
    for item in mentions:
        # The title 'X: …' proposes X when X is the whole prefix, not a word of it.
        in_prefix = prefix is not None and item.span.start == prefix.start and \
            item.span.end == prefix.end and not is_phrase_prefix(prefix, abbreviations) \
            and not is_genre_title(prefix)
        if is_nameable(item) and (in_prefix or is_apposition_of_new(item) or
                                  is_named_description(item)):
            proposed_names.add(item.name.lower())
        if (is_owned(item) or is_named_own(item)) and is_coined(item) and \
                is_head_of_phrase(item) and \
                gazetteer.lookup(item.name) is None:
            proposed_names.add(item.name.lower())
    by_sentence = [(sentence, [m for m in mentions if m.span.sent == sentence])
                   for sentence in doc.sents]
    for sentence, inside in by_sentence:
        proposed_names.update(m.name.lower() for m in proposed_after_verbs(sentence, inside))
    # 'Cross-Modal Evidence Fusion (CMEF), which integrates …': CMEF is no other method
    proposed_names |= both_forms(proposed_names, abbreviations)
    # after every sentence's proposal: a name proposed later in the text anchors parts too
    follows = False  # the sentence before proposes or names a proposed method
    for sentence, inside in by_sentence:
        proposed_names.update(proposed_parts(sentence, inside, proposed_names, follows))
        follows = any(m.name.lower() in proposed_names for m in inside) or \
            any(is_authors_proposal(t) for t in sentence)
    proposed_names.update(variants_of(proposed_names, mentions))
    # Parts count from the first proposal on, named or not ('we propose a training-free
    # framework … the Semantic-aware Feature Re-fusion (SAFR) module identifies …').
    proposed_names.update(coined_parts(by_sentence, proposed_names))
    titled = None if proposed_names else title_method(doc, mentions)
    if titled is not None:
        mentions = replacing(mentions, [titled])
        proposed_names.add(titled.name.lower())
    # Last: a technique the text describes is no name, and leaves the title's method.
    described = described_proposals(doc, mentions)
    mentions = replacing(mentions, described)
    proposed_names.update(m.name.lower() for m in described)
    propose(mentions, proposed_names)
    return mentions


def extended_names(doc: Doc, mentions: list[Mention]) -> list[str]:
    """Methods the text says the paper's own work extends, generalizes or builds on."""
    names: list[str] = []
    for item in mentions:
        if item.type != METHOD or item.proposed or item.name in names:
            continue
        before = " ".join(t.lower_ for t in doc[max(item.span.sent.start, item.span.start - 6):
                                                 item.span.start])
        by_authors = any(t.lower_ in AUTHOR_WORDS for t in item.span.sent)
        if by_authors and EXTENSION.search(before):
            names.append(item.name)
    return names
