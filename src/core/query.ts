import type SearchableMap from 'minisearch/SearchableMap';
import { isEnglishWord } from './english.js';
import type { Intent } from './knowledge/schema.js';
import {
  type Analyzer,
  askedForOf,
  detectIntents,
  FUTURE,
  isShortTag,
  isStopWordTypo,
  MONTH_WORDS,
  splitWords,
  WH_WORD,
  withoutConditionalWhen,
  withoutFraming,
  withQuestionIdioms,
  withWholly,
} from './text.js';

/**
 * Reading a question: what it asks for, which of its words the knowledge base knows, which are
 * background, framing or conditions (years, months, figures) rather than topic. The engine then
 * searches with what this finds and checks the facts against it.
 */

const INTENT_NOUNS: ReadonlySet<string> = new Set([
  'size',
  'amount',
  'total',
  'sum',
  'number',
  'figure',
  'percentage',
  'rate',
  'reason',
  'cause',
  // "How much cash": money is what an amount is of.
  'money',
  'cash',
  'capital',
  'funding',
  'dollars',
]);

/** "after 2030", "beyond 2032", "once 2032 is over". */
const AFTER_YEAR =
  /\b(?:after|beyond|past|post|later than)\s+((?:19|20)\d{2})\b|\bonce\s+((?:19|20)\d{2})\s+(?:is|has)\s+(?:over|passed|gone|ended|done)\b/;
export const YEAR = /\b(?:19|20)\d{2}\b/g;

const EXAMPLE_OF = /\bexamples?\s+of\s+(?:(?:a|an|the|some|any)\s+)?([\p{L}-]+)/u;
const EXAMPLES = /\b(?:examples?|e\.g|such as what|like what)\b/;

/**
 * Index terms of words that make something pass from one party to another; "hand" and "giving",
 * stop words, as written ("does OpenAI still hand Microsoft a cut?").
 */
const GIVING = new Set([
  'giving',
  'hand',
  'hands',
  'handed',
  'handing',
  'pai',
  'make',
  'made',
  'give',
  'gave',
  'transfer',
  'licenc',
  'commit',
  'sell',
  'share',
]);

// What rules out what follows: "instead of Azure", "refuses to touch Azure", "hates Azure", as
// words are written and as the reader splits them. ("Without" and "except" have readers of their
// own, for the words they rule out; their companies are ruled out here.)
const RULING_OUT_OPENERS =
  "instead of|rather than|outside of|(?:refuses?|refused|won't|wont|will not|not|never|can't|cant|cannot)(?: to)? touch|avoid|avoids|avoiding|allergic to|hates?";
const RULING_OUT_ENTITY = new RegExp(`\\b(?:without|except|outside|allergic|${RULING_OUT_OPENERS})\\b`);
const RULING_OUT_PHRASE = new RegExp(`\\b(?:${RULING_OUT_OPENERS})\\b`);
/** "...instead of making an Azure account": what a question rules out, up to a break. */
const RULED_OUT = new RegExp(`\\b(?:${RULING_OUT_OPENERS})\\s+[^,.;:?!—–]{1,40}`, 'g');

/** Nouns that end like a participle: "what speed", "how many hundred". */
const NOT_PARTICIPLES = new Set([
  'speed',
  'hundred',
  'need',
  'feed',
  'seed',
  'breed',
  'deed',
  'shed',
  'embed',
]);

/** Words of receiving: "Microsoft receives payments from OpenAI" is a flow from OpenAI. */
const RECEIVING = new Set(['receiv', 'collect', 'get', 'gets', 'got']);

/** "April or May": months to choose from. */
const ANY_MONTH = MONTH_WORDS.join('|');
// "April or May?", "late April or early May?".
const MONTH_CHOICE = new RegExp(
  `\\b(?:${ANY_MONTH})\\s+or\\s+(?:(?:early|mid|late|end of|start of|beginning of|the end of|the start of)\\s+)?(?:${ANY_MONTH})\\b`,
);
/** "May" as a month: "in May", "May 5", "5 May", "April or May". "By 2030 may Microsoft..." is a verb. */
const OTHER_MONTH = MONTH_WORDS.filter((m) => m !== 'may').join('|');
const MAY_MONTH = new RegExp(
  `\\b(?:(?:in|since|by|until|till|early|mid|late|of|during|before|after)\\s+may\\b(?!\\s+(?:be|have|not|get|still|also|need|want|only|well)\\b)|may\\s+(?:[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?\\b|\\b(?:[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?\\s+(?:of\\s+)?may\\b(?=\\s*(?:$|[,.;:?!)]|\\d|(?:or|and|in|last|this|next)\\b))|(?:${OTHER_MONTH})\\s+or\\s+may\\b|may\\s+or\\s+(?:${OTHER_MONTH}))`,
);
/** Month names by number; "may" is read as a month only where MAY_MONTH says so. */
const MONTHS: readonly string[] = MONTH_WORDS.map((m) => (m === 'may' ? '_' : m));
/** "...runs out in 2030, right?", "...started in 2019, didn't it?": a statement put up for a yes or no. */
// "..., is that right or am I misremembering", "..., can anyone confirm" ask too, with or without
// their "?".
const TAG_QUESTION =
  /[\s,]+(?:(?:right|yeah|yes|no|correct|true|ok|innit|eh|(?:is|was|did|does|do|has|have|are|were|will|would|can)n'?t\s+(?:it|they|he|she|that|there))\s*\?+|or (?:nah|not|no)|(?:(?:is|was) (?:that|this|it) (?:right|correct|true|accurate|what they said)(?:\s+or\s+(?:am|are|is|did|do|does|have|has)\s+[\p{L}' ]{1,40})?|(?:can|could) (?:you|u|anyone|anybody|someone|somebody) confirm(?: (?:this|that|it))?)\s*\?*)\s*$/iu;
const YES_NO =
  /^\s*(?:(?:wait|so|ok|okay|hmm|hey|and|but)\s*,?\s+)?(?:am|is|are|was|were|does|do|did|can|could|will|would|has|have|had|should|shall|may|might)(?:n'?t)?\b|^\s*(?:won'?t|can'?t|ain'?t)\b/i;

/** "Can you summarize...", "could u walk me through...": a request for an account, not a yes or no. */
const REQUEST =
  /^\s*(?:(?:hey|ok|okay|so)\s*,?\s+)?(?:can|could|would|will)\s+(?:you|u|ya|someone|somebody|anyone)\s+(?:please\s+|pls\s+|plz\s+|quickly\s+|just\s+)?(?:summari[sz]e|explain|list|give|walk|break|describe|outline|recap|write|draft|show|share|send)\b/i;

/** What the engine makes of a question before searching. */
export type QueryAnalysis = {
  intents: Intent[];
  /** Index terms of the known content words. */
  terms: string[];
  /** Terms that name an entity: checked by the entity guard, not by term coverage. */
  entityTerms: Set<string>;
  entities: string[];
  /** Content words found nowhere in the knowledge base (lower-cased, aliases folded). */
  unknown: string[];
  /** Unknown words written with a capital letter mid-sentence: most likely a name. */
  unknownNames: string[];
  /**
   * The index term for the kind of thing asked for ("which regions" -> "region"): an answer must
   * speak of it. Null when the question names none, or names an entity (the guard handles those).
   */
  askedFor: string | null;
  /** "What did Google say about...": whose word is asked for; a fact must name it, not cover it. */
  speaker: string | null;
  /**
   * "What is OpenAI saying the next bottleneck is?", "per OpenAI": whom the question credits with
   * the claim; a source they published speaks for them.
   */
  attributed: string[];
  /** "from Amazon or from Microsoft": entities offered as alternatives, each to the others. */
  alternatives: Map<string, string[]>;
  /** "Microsoft to OpenAI", "MSFT -> OpenAI": two entities the question puts in an order. */
  flow: [string, string] | null;
  /** "Which teams", "what customers": the question wants the asked-for things named, not counted. */
  asksToName: boolean;
  /** "Any examples?": the answer must name instances of what is asked for. */
  asksExamples: boolean;
  /** The asked-for word is unknown to the knowledge base. */
  askedForUnknown: boolean;
  /** Years the question names: the answer must speak of one of them. */
  years: string[];
  /** The question also names the subject's own year: "2025 or 2026?" offers it as an alternative. */
  subjectYear: boolean;
  /** "after 2030": the answer must speak of a later year. */
  after: number | null;
  contentWords: number;
  /** Content words that name an entity. */
  entityWords: number;
  /** Content words that name the subject as a whole (knowledge/aliases.yaml `context`). */
  contextTerms: Set<string>;
  contextWords: number;
  /** Terms only in the sentences of a message that do not ask anything: background, searched for only. */
  asideTerms: Set<string>;
  /** Months the question names (1-12): the answer must be dated in one of them. */
  months: number[];
  /** The question asks yes or no ("Is there a cap...?"), not for a figure or a date. */
  yesNo: boolean;
  /** The question asks about a period counted from today ("this week"), not as background. */
  relativePeriod: boolean;
  /** A clause of the question opens by asking when ("When did...", "...and when?"). */
  asksWhen: boolean;
  /** What the question sets aside ("besides the end date"): not what it asks about. */
  excepted: { intents: Set<Intent>; terms: Set<string> };
  /**
   * "Is Microsoft still the main partner, or did Amazon steal the crown?": the two sides of a
   * choice, each with its topic terms and unknown words. A fact that explains one side wholly
   * settles the choice, whatever words the other side puts it in.
   */
  choice: {
    terms: [Set<string>, Set<string>];
    unknown: [string[], string[]];
    /** The second side speaks of the first's subject ("or was it struck?"), so it may settle too. */
    secondSettles: boolean;
  } | null;
  /** "Did Amazon get equity for it?": what a yes-or-no question asks was got; a fact must state it. */
  gotten: string | null;
  /**
   * "Does the cap apply retroactively?", "is it paid quarterly?": how often or from when something
   * applies, a detail only a fact that states it answers, however much else it explains.
   */
  details: string[];
  /**
   * "Is Microsoft going to build its own models?": the action a question asks whether someone is
   * going to take. Only a fact that states it, or makes a forecast, answers.
   */
  planned: string | null;
  /** "What is Frontier?": the entity whose nature is asked; only a fact that says what it is answers. */
  defines: string | null;
  /** "Is OpenAI on Google Cloud yet?" asks what is so, not what may be ("Can OpenAI use Google Cloud?"). */
  asksActual: boolean;
};

/**
 * The words that say what is asked about: content words that neither name an entity (the entity
 * guard settles those) nor the subject as a whole ("the deal", "the restructuring").
 */
export const topicWords = (a: QueryAnalysis) => Math.max(1, a.contentWords - a.entityWords - a.contextWords);

/** What the reader needs of the knowledge base's vocabulary (see vocabulary.ts). */
export type QueryContext = {
  analyzer: Analyzer;
  /** Every word the knowledge base uses or accepts. */
  vocabulary: ReadonlySet<string>;
  /** The same words, searchable by prefix and edit distance; built on first use. */
  searchable: () => SearchableMap<true>;
  /** The entities the facts name: the parties to what they report. */
  parties: ReadonlySet<string>;
  knownTerms: ReadonlySet<string>;
  contextTerms: ReadonlySet<string>;
  /** Each leader's company: "did Satya get first dibs?" asks about Microsoft. */
  leaders: ReadonlyMap<string, string>;
};

export function createQueryReader({
  analyzer,
  vocabulary,
  searchable,
  knownTerms,
  contextTerms,
  parties,
  leaders,
}: QueryContext): (question: string) => QueryAnalysis {
  // Helpers are function declarations, for start-up's sake: see createEngine.
  /** Whether the knowledge base knows a canonical word: a name, or a word its facts use. */
  function known(w: string) {
    const t = analyzer.term(w);
    return t !== null && (analyzer.entityOf(w) !== undefined || knownTerms.has(t) || vocabulary.has(w));
  }

  /** The known word (as written, before aliases) a misspelt one most likely stands for. */
  function correct(word: string): string | undefined {
    if (vocabulary.has(word) || analyzer.phraseWords.has(word)) return undefined;
    if (word.length < 5 || /\d/.test(word) || isEnglishWord(word)) return undefined;
    // Two edits for longer words: a swapped pair of letters ("licnese") counts as two.
    const maxDistance = word.length >= 7 ? 2 : 1;
    // Typos rarely hit the first letter, while real words one letter apart often differ there
    // ("founded", "bounded"): only words with the same first letter are candidates. A shared first
    // letter leaves the edit distance as it is, so the search looks among those words alone, for
    // the rest of the word; searching every word cost the slowest questions a tenth of their time.
    const first = word[0] as string;
    const sameFirst = searchable().atPrefix(first);
    let best: string | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const [rest, [, distance]] of sameFirst.fuzzyGet(word.slice(1), maxDistance)) {
      const candidate = first + rest;
      // Two edits only as a swap of letters: "account" is not a typo of "amount".
      if (distance === 2 && sortLetters(candidate) !== sortLetters(word)) continue;
      if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /**
   * "Legal wants the backstory before the partner review — was there...": what leads in to the
   * question before a dash or a colon, naming nothing the facts speak of, says why it is asked, and
   * so does one before a question that stands on its own ("Building a model of MSFT's income — how
   * long do OpenAI's payments run?"). "The $50B from Amazon — was that fixed?" points back to it.
   * The lead-in as written, and its words that are background.
   */
  function backgroundLeadIn(message: string): { text: string; words: Set<string> } | null {
    const leadIn = /[—–:]|\s-\s/.test(message) ? LEAD_IN.exec(message) : null;
    if (!leadIn?.[1] || WH_WORD.test(leadIn[1]) || /\d/.test(leadIn[1])) return null;
    const words = analyzer.canonicalWords(leadIn[1]);
    const topical = (w: string) => known(w) && !contextTerms.has(analyzer.term(w) ?? '');
    if (!words.some(topical)) return { text: leadIn[0], words: new Set(words) };
    const rest = message.slice(leadIn[0].length);
    const restWords = new Set(analyzer.canonicalWords(rest));
    if (POINTS_BACK.test(openingOf(rest)) || [...restWords].filter(topical).length < 2) return null;
    return {
      text: leadIn[0],
      words: new Set(words.filter((w) => !restWords.has(w) && !analyzer.entityOf(w))),
    };
  }

  /**
   * In a message of several sentences where some ask and some do not ("We run on GCP. Can OpenAI
   * serve us?"), the words found only in the sentences that do not ask.
   */
  function asideWords(
    message: string,
    sentences: string[],
    asks: boolean[],
    weighed: boolean[],
    lead: ReturnType<typeof backgroundLeadIn>,
  ): Set<string> {
    // "As an architect on Oracle Cloud, may I...": who asks is background too.
    const role = /^as an?\s+([^,?]{1,60}),\s*(?=\S)/i.exec(message);
    if (role?.[1]) {
      const asked = new Set(analyzer.canonicalWords(message.slice(role[0].length)));
      // Its companies stay: "there" in the question is Oracle Cloud.
      return new Set(analyzer.canonicalWords(role[1]).filter((w) => !asked.has(w) && !analyzer.entityOf(w)));
    }
    if (lead) return lead.words;
    // "...what happened on AWS that day, ppl keep referencing it": a clause that says what someone
    // does or thinks, beside the clause that asks, is background too.
    let commented = false;
    const clauses = sentences.flatMap((s, i) => {
      const whole = [{ text: s, asks: asks[i] === true }];
      if (!weighed[i] || !CLAUSE_BREAK.test(s)) return whole;
      const parts = s.split(CLAUSE_BREAKS);
      // "..., now that Azure isn't exclusive?": a comment clause may end the question's sentence.
      const asking = parts.map(
        (p) => (isQuestion(p) || YES_NO_CLAUSE.test(p)) && !(COMMENT.test(p) && !WH_WORD.test(p)),
      );
      if (!asking.includes(true)) return whole;
      const marked = parts.map((p, j) => ({ text: p, asks: asking[j] === true || !COMMENT.test(p) }));
      if (marked.every((c) => c.asks)) return whole;
      commented = true;
      return marked;
    });
    if (commented) {
      // Only beside a clause that says what it asks about: in "my VPN keeps dropping, any fix?" the
      // comment is the question.
      const asked = analyzer.canonicalWords(
        clauses
          .filter((c) => c.asks)
          .map((c) => c.text)
          .join(' '),
      );
      const knownAsked = asked.filter((w) => analyzer.entityOf(w) || knownTerms.has(analyzer.term(w) ?? ''));
      // "why restructure at all, things seemed fine": a question word and one known word will do,
      // unless the question points back to the comment ("what does that mean?").
      const wh = clauses.some(
        (c) => c.asks && WH_WORD.test(c.text) && !POINTS_TO_CLAIM.test(openingOf(c.text)),
      );
      if (knownAsked.length >= 2 || (wh && knownAsked.length === 1))
        return asideOf(
          clauses.map((c) => c.text),
          clauses.map((c) => c.asks),
        );
    }
    return asideOf(sentences, asks);
  }
  function asideOf(sentences: string[], asks: boolean[]): Set<string> {
    const questions = sentences.filter((_, i) => asks[i]);
    if (questions.length === 0 || questions.length === sentences.length) return new Set();
    const asked = new Set(analyzer.canonicalWords(questions.join(' ')));
    // "...fifty billion. Is that the number reported?", "...stops or keeps going. Which is it?"
    // refer back: the claim is what is asked.
    if (
      questions.every((q) =>
        /^(?:(?:is|was)\s+(?:that|this|it)\s+(?:(?:still|basically|really|actually|just|even)\s+)?(?:the\s+)?(?:right|correct|true|accurate|fair|number|figure|amount|date|what)|true|right|correct|which (?:one )?is it\b|can (?:someone|anyone|you|u) confirm(?=\s*(?:this|that|it)?\s*(?:pls|please)?\s*[?.!]*$))/i.test(
          q.trim(),
        ),
      )
    )
      return new Set();
    // "...wants GPT without an Azure account. Possible now?": a question of a word or three asks
    // about what the other sentences say.
    const bare = (q: string) =>
      isShortTag(q) && !analyzer.canonicalWords(q).some((w) => analyzer.entityOf(w));
    if (questions.every(bare)) return new Set();
    // "...keeps the AGI trigger. Does it?": the question is in the other sentences.
    // "...is months away. Does that match?" too: the question adds no word the knowledge base knows.
    if (![...asked].some((w) => knownTerms.has(analyzer.term(w) ?? ''))) return new Set();
    return new Set(
      sentences
        .filter((_, i) => !asks[i])
        .flatMap((s) => analyzer.canonicalWords(s))
        .filter((w) => !asked.has(w)),
    );
  }

  /**
   * Two entities joined by "to", with at most one word before it: "from Microsoft to OpenAI",
   * "Microsoft's payments to OpenAI". Not "OpenAI has to pay Microsoft", where "to" joins no
   * entity, nor "OpenAI is still locked in to Microsoft".
   */
  const shareTerm = analyzer.term('share') ?? 'share';
  function flowOf(words: string[]): [string, string] | null {
    for (let i = 0; i < words.length; i++) {
      const from = analyzer.entityOf(words[i] as string);
      if (!from) continue;
      // Further apart when a word of giving joins them: "Microsoft used to make payments to OpenAI".
      const joining = (j: number) => words.slice(i + 1, j).map((w) => analyzer.term(w) ?? w);
      const reach = (j: number) => j <= i + 3 || joining(j).some((t) => GIVING.has(t) || RECEIVING.has(t));
      for (let j = i + 2; j <= i + 6 && j < words.length; j++) {
        const to = analyzer.entityOf(words[j] as string);
        if (!to) continue;
        if (!reach(j)) break;
        // "Microsoft ... to OpenAI", or "Microsoft used to send OpenAI": a word of giving just before.
        const before = words[j - 1] as string;
        if (to !== from && (before === 'to' || GIVING.has(analyzer.term(before) ?? before)))
          return [from, to];
        // "OpenAI shares revenue with Microsoft": a share goes to the one it is shared with.
        if (to !== from && before === 'with' && joining(j).includes(shareTerm)) return [from, to];
        // "Microsoft keeps receiving payments from OpenAI": the other way round.
        if (to !== from && before === 'from' && joining(j).some((t) => RECEIVING.has(t))) return [to, from];
        break;
      }
    }
    return null;
  }

  /**
   * "Reporter on deadline: can you confirm...": a label before a colon, made only of words the
   * knowledge base does not know, says who asks. "Bedrock: when is GA?" names what is asked.
   */
  function withoutLabel(question: string): string {
    const m = /^([^:?]{1,40}):\s+(?=(?:\S+\s+){2,}\S)/.exec(question);
    if (!m?.[1]) return question;
    return analyzer.canonicalWords(m[1]).some(known) ? question : question.slice(m[0].length);
  }

  /**
   * The words on either side of the last "or" of the first asking sentence that has one, when a
   * clause follows it: "is it generally available already, or is that still vapor?" asks whether
   * the first clause holds. "Two or four weeks?", "at an event or in a blog post?" offer values to
   * choose from, which a fact must state. A word on both sides belongs to neither.
   */
  function choiceSides(asking: string[]): Sides | null {
    for (const sentence of asking) {
      // The last "or", found in the sentence as written (lower-casing may change its length).
      const ors = [...sentence.matchAll(/\sor\s/gi)];
      const last = ors[ors.length - 1];
      if (last?.index === undefined) continue;
      // "...or still early, when does GA land": the second side ends with its clause.
      const second = sentence.slice(last.index + last[0].length).split(CLAUSE_BREAK)[0] ?? '';
      // The first side asks yes or no ("is it live..."); "where was it announced, at an event or
      // just in a blog post?" offers places to choose from.
      const first =
        sentence
          .slice(0, last.index)
          .split(/[,;:—–]|\s-\s/)
          .filter((c) => c.trim())
          .pop() ?? '';
      // "...people or GPUs?": a word or two closing the question is an alternative too.
      const closing = /^\s*(?:[\p{L}'-]+\s*){1,2}[?!.]*\s*$/u.test(second);
      if (!YES_NO_CLAUSE.test(first) || !(CLAUSE_OPENER.test(second) || closing) || FIGURE.test(second))
        continue;
      const before = new Set(analyzer.canonicalWords(first));
      const after = new Set(analyzer.canonicalWords(second));
      if (before.size === 0 || after.size === 0) continue;
      const secondSettles = BACK_REFERENCE.test(second);
      // "Is Mistral open weights or just marketing?": the second side says something of the first
      // side's subject, and a choice about a subject the facts do not know settles nothing.
      const subjectMatch = secondSettles ? SUBJECT.exec(first) : null;
      const subject = subjectMatch?.[1] ?? subjectMatch?.[2];
      const subjectWords = subject ? analyzer.canonicalWords(subject) : [];
      if (subjectWords.some((w) => analyzer.term(w) !== null && !known(w))) continue;
      return { first: before, second: after, secondSettles };
    }
    return null;
  }

  /** Whether the word before `i`, past small words, is news or the deal: "the breakup thing actually drop". */
  function aboutNews(words: string[], i: number) {
    for (let j = i - 1; j >= Math.max(0, i - 4); j--) {
      const w = words[j] as string;
      const t = analyzer.term(w);
      // Small words and "thing" are passed over, but not a word that joins another phrase: in
      // "multi-cloud deals and an IPO" the IPO is not the deals'.
      if (SKIPPED_BEFORE_NEWS.has(w) || (t === null && !JOINING.has(w))) continue;
      return w === 'news' || contextTerms.has(t ?? '');
    }
    return false;
  }

  /** "What is Symphony exactly?", "wtf is Frontier": the entity asked to be defined. */
  function definedEntity(normalized: string): string | null {
    // The patterns are Unicode-aware and unanchored: look for their key words first.
    const named = ((normalized.includes('wha') || normalized.includes('wtf')
      ? DEFINITION.exec(normalized)
      : null) ?? (normalized.includes(' do') ? DOES_WHAT.exec(normalized) : null))?.[1];
    const word = named ? analyzer.canonicalWords(named)[0] : undefined;
    return word ? (analyzer.entityOf(word) ?? null) : null;
  }

  /**
   * The asked-for word follows "which"/"what", past any names: "which AWS regions" -> regions. A
   * stop word there ("what did...") means the question names no kind of thing. "What OpenAI stuff
   * is on Bedrock?" asks for things, which `stuffAsked` says.
   */
  function askedKindOf(askedWords: string[], wh: string) {
    let askedCanonical: string | undefined;
    let stuffAsked = false;
    // "How much OpenAI ends up paying" names no thing after its names, unlike "how many teams".
    const quantity = wh === 'how';
    for (const word of analyzer.canonicalWords(askedWords.join(' '))) {
      if (analyzer.entityOf(word)) {
        if (quantity) break;
        continue;
      }
      // "which other companies": "other" says which ones, the noun after it what.
      if (word === 'other' || word === 'another') continue;
      // "what kind of capabilities": the capabilities.
      if (/^(?:kind|kinds|type|types|sort|sorts|of)$/.test(word)) continue;
      // "What's expected...", "which two companies": a participle or a count names no kind of thing.
      if (/^(?:\d+|two|three|four|five|[\p{L}]{3,}ed)$/u.test(word) && !NOT_PARTICIPLES.has(word)) continue;
      // "What size", "what percentage": the intent checks handle those.
      if (INTENT_NOUNS.has(word)) break;
      if (/^(?:stuff|things)$/.test(word)) {
        stuffAsked = true;
        break;
      }
      if (analyzer.term(word) !== null) askedCanonical = word;
      break;
    }
    return { askedCanonical, stuffAsked };
  }

  /** "Did Amazon get equity for it?": the word for what was got. "Get scrapped" is no getting. */
  function gottenOf(asking: string): string | undefined {
    const got = GETTING.test(asking) ? GOT.exec(asking)?.[1] : undefined;
    if (!got || NOT_GOTTEN.test(got)) return undefined;
    return analyzer.canonicalWords(got)[0];
  }

  /**
   * The question's canonical words, read once. Typos first, on the words as written, so that a
   * corrected word can still complete a phrase ("general availabilty" -> "general availability" ->
   * ga); "shake-up", a hyphenated word the knowledge base writes as one, is that word; an arrow
   * ("OpenAI -> Microsoft") says "to".
   */
  function wordsOf(question: string): string[] {
    const arrowed = withQuestionIdioms(
      /->|→|=>/.test(question) ? question.replace(/\s*(?:->|→|=>)\s*/g, ' to ') : question,
    );
    const joined = !arrowed.includes('-')
      ? arrowed
      : arrowed.replace(/([\p{L}]+)-([\p{L}]+)/gu, (pair, x: string, y: string) => {
          const word = `${x}${y}`.toLowerCase();
          return vocabulary.has(word) ? word : pair;
        });
    const written = splitWords(joined).map((w) => {
      const term = analyzer.term(w);
      if (term === null || knownTerms.has(term)) return w;
      // "uncapped", "unlimited": a negation does not change what is asked about. A nonprofit is
      // no kind of profit, though.
      const negated = NOT_NEGATIONS.has(w) ? undefined : /^(?:un|non)(\p{L}{4,})$/u.exec(w)?.[1];
      if (negated && (vocabulary.has(negated) || knownTerms.has(analyzer.term(negated) ?? '')))
        return negated;
      return correct(w) ?? w;
    });
    // A corrected word is one word, so phrases still form across them. "When did the news go
    // public?", "the deal went public": news made public, not a listing, which only a company does.
    // "When did the overhaul drop?": a deal comes out as news.
    // "Will Azure get it before AWS does?": one party before another asks who comes first.
    return analyzer
      .canonicalOfWords(written)
      .map((w, i, all) =>
        (w === 'ipo' || w === 'launch') && aboutNews(all, i)
          ? 'announce'
          : w === 'before' && partiesAround(all, i)
            ? PRIORITY_TERM
            : w,
      );
  }

  /**
   * The parties a few words either side of the word at `i`, when they differ and something arrives
   * ("will Azure get it before AWS?"): not before an event ("off Azure before the Bedrock thing"),
   * nor in what has ever happened.
   */
  function partiesAround(words: string[], i: number): [string[], string[]] | null {
    if (EVENT_DETERMINERS.has(words[i + 1] ?? '') || words.includes('ever')) return null;
    // Who gets something first, not who did something first ("did Microsoft invest before Amazon?").
    if (!words.some((w) => ARRIVING.has(w))) return null;
    const near = (from: number, to: number) =>
      words.slice(Math.max(0, from), to).flatMap((w) => analyzer.entityOf(w) ?? []);
    const first = near(i - 4, i);
    const then = near(i + 1, i + 5).filter((e) => !first.includes(e));
    return first.length > 0 && then.length > 0 ? [first, then] : null;
  }

  /** "Amazon or Microsoft", "from Amazon or from Microsoft": only small words between. */
  function addEntityAlternatives(words: string[], alternatives: Map<string, string[]>) {
    for (let i = 0; i < words.length; i++) {
      // "Will Azure get it before AWS?": who comes after is what the first is measured against.
      const parties = words[i] === PRIORITY_TERM ? partiesAround(words, i) : null;
      if (parties)
        for (const e of parties[1]) alternatives.set(e, [...(alternatives.get(e) ?? []), ...parties[0]]);
      const x = analyzer.entityOf(words[i] as string);
      if (!x) continue;
      const between: string[] = [];
      for (let j = i + 1; j < Math.min(words.length, i + 5); j++) {
        const y = analyzer.entityOf(words[j] as string);
        if (y) {
          if (between.includes('or') && y !== x) {
            alternatives.set(x, [...(alternatives.get(x) ?? []), y]);
            alternatives.set(y, [...(alternatives.get(y) ?? []), x]);
          }
          break;
        }
        if (analyzer.term(words[j] as string) !== null) break;
        between.push(words[j] as string);
      }
    }
  }

  /**
   * Positions of names that are no company the answer must name. "The MSFT/OpenAI overhaul": two
   * names that only say whose deal is meant are, like the deal itself, the subject as a whole. One
   * name may say which deal: "the Azure arrangement" is not the restructuring. "The Microsoft
   * announcement" is the one announcement the sources speak of ("What did Nvidia announce?" is no
   * such thing). "...without touching Azure?", "instead of Azure": a name the question rules out.
   */
  function subjectNames(words: string[]): Set<number> {
    const names = new Set<number>();
    for (let i = words.length - 1, subject = false, announcement = false; i >= 0; i--) {
      const w = words[i] as string;
      if (!analyzer.entityOf(w)) {
        subject = contextTerms.has(analyzer.term(w) ?? '');
        announcement = analyzer.term(w) === 'announc';
        continue;
      }
      const before = words[i - 1];
      // Only the parties the facts speak of: "the Anthropic–Amazon deal" is another deal.
      const party = (x: string) => parties.has(analyzer.entityOf(x) ?? '');
      if (subject && before !== undefined && analyzer.entityOf(before) && party(w) && party(before)) {
        names.add(i).add(i - 1);
        i--;
      } else if (announcement && before === 'the' && party(w)) names.add(i);
      subject = false;
      announcement = false;
    }
    // "...instead of making an Azure account", "refuses to touch Azure": ruled out, up to five
    // words before.
    words.forEach((w, i) => {
      if (!analyzer.entityOf(w)) return;
      const lead = words.slice(Math.max(0, i - 5), i);
      if (RULING_OUT_ENTITY.test(lead.join(' '))) names.add(i);
    });
    return names;
  }

  /** "Nasdaq or NYSE?": two of one kind (stock exchanges) ask which of that kind. */
  function sameKindAsked(asking: string): string | null {
    const pair = asking.includes(' or ') ? SAME_KIND_CHOICE.exec(asking) : null;
    if (!pair?.[1] || !pair[2]) return null;
    const [x, y] = [pair[1], pair[2]].map((w) => {
      const c = analyzer.canonicalWords(w)[0];
      return c && !analyzer.entityOf(c) ? analyzer.term(c) : null;
    });
    return x && x === y && knownTerms.has(x) && !contextTerms.has(x) ? x : null;
  }

  /**
   * The index term of what "is X going to <verb>" asks about, or "" for a verb no fact could state
   * ("gonna go all in"); none for "going to stay", "to be", or "what is X going to pay?".
   */
  function plannedOf(normalized: string): string | null {
    if (!normalized.includes('go')) return null;
    const verb = PLANNED.exec(normalized)?.[1];
    if (!verb) return null;
    const word = analyzer.canonicalWords(verb)[0];
    return word && !analyzer.entityOf(word) ? (analyzer.term(word) ?? '') : null;
  }

  function analyze(asked: string): QueryAnalysis {
    // "What did OpenAI say about Symphony?" asks about Symphony, as OpenAI put it.
    // "w/o an Azure account": without. "FY28": a fiscal year is a year. "Is he living in 2023?":
    // out of date, not a year asked about.
    const slashed = asked.includes('/') ? asked.replace(/\bw\/o\b/gi, 'without') : asked;
    const fiscal = /fy/i.test(slashed) ? slashed.replace(/\bfy\s?(?:20)?(\d{2})\b/gi, '20$1') : slashed;
    const spelled = fiscal.replace(/\b(?:living|stuck)\s+in\s+(?:19|20)\d\d\b/gi, 'out of date');
    const framed = withoutLabel(withoutFraming(withEmojiBreaks(spelled)));
    const speaker = framed.includes(' about')
      ? /([\p{L}\p{N}]+)\s+(?:say|says|said|saying)\s+about\b/iu.exec(framed)?.[1]
      : undefined;
    const spoken = framed.replace(/\b(?:say|says|said|saying)\s+(?=about\b)/gi, '');
    // "Besides the end date, what changed?" asks about anything but the end date.
    const except = EXCEPT.exec(spoken);
    // The clause goes, the punctuation before it stays: "The cap stays. Other than that, ..."
    const question = except
      ? spoken.replace(except[0], /^[,.;:]/.test(except[0]) ? (except[0][0] ?? ' ') : ' ')
      : spoken;
    const exceptText = except?.[1] ?? '';
    const normalized = withoutConditionalWhen(question.toLowerCase());
    const capitalised = new Set<string>();
    // Words written with a capital letter anywhere but the start of a sentence.
    for (const m of question.matchAll(/(?<![.!?]\s*|^\s*|[\p{L}\p{N}'])\p{Lu}[\p{L}\p{N}]*/gu))
      capitalised.add(m[0].toLowerCase());

    // The question's sentences, and which of them ask: read once, for background and periods.
    const questionSentences = question.split(SENTENCE_END);
    const asks = questionSentences.map(isQuestion);
    // The sentences weighed as asking: those that ask, or all of them when none does.
    const weighed = asks.includes(true) ? asks : asks.map(() => true);
    const lead = backgroundLeadIn(question);
    const asides = asideWords(question, questionSentences, asks, weighed, lead);
    // "Was it Google that pledged $50 billion?" puts Google forward to be confirmed or corrected:
    // the answer may name whoever did.
    const cleft = new Set(analyzer.canonicalWords(CLEFT.exec(question)?.[1] ?? ''));
    // "We stay on Azure only because OpenAI was only there. Is that still the case?": the
    // background says why, but only the sentence that asks says what is asked for.
    const sentences = normalized.split(SENTENCE_END);
    const questions = asides.size > 0 ? sentences.filter(isQuestion) : [];
    // A lead-in that is background asks for nothing: "modelling our forecast — is it still paid?"
    const asking =
      lead && sentences.length === 1
        ? withoutConditionalWhen(question.slice(lead.text.length).toLowerCase())
        : questions.length > 0
          ? questions.join(' ')
          : normalized;

    // "...without setting up an Azure tenant": the switch the question rules out is not what it
    // asks about (its companies are settled by the guard below). "Without OpenAI's consent" is.
    // A word the question also uses elsewhere stays asked: in "...won't touch anything that isn't
    // GA. How long till it's GA?", GA is what is asked about.
    const ruleOut = (phrase: string) => {
      const elsewhere = new Set(analyzer.canonicalWords(normalized.replace(phrase, ' ')));
      for (const w of analyzer.canonicalWords(phrase))
        if (!analyzer.entityOf(w) && !elsewhere.has(w)) asides.add(w);
    };
    if (normalized.includes('without ')) for (const m of normalized.matchAll(WITHOUT)) ruleOut(m[1] ?? '');
    // "...but refuses to touch Azure", "instead of making an Azure account" likewise.
    if (RULING_OUT_PHRASE.test(normalized)) for (const m of normalized.matchAll(RULED_OUT)) ruleOut(m[0]);
    // Background sets no period ("...I could've sworn it was 2025"), nor does a guess offered
    // ("2030 or later?", "...expire when? 2030?").
    const guessed = asking.includes(' or ') || /\d\s*\?+\s*$/.test(asking) ? guesses(asking) : [];
    const yearsNamed = (asking.match(YEAR) ?? []).filter((y) => !guessed.some((g) => g.year === y));
    // The words of a guess are no more what is asked than the year is.
    for (const g of guessed)
      for (const w of analyzer.canonicalWords(g.text)) if (!analyzer.entityOf(w)) asides.add(w);
    const after = AFTER_YEAR.exec(asking);
    const { wh, words: askedWords } = askedForOf(normalized);

    const analysis: QueryAnalysis = {
      // "If a customer runs 100% on GCP, can...": the case an "if" clause sets up is not asked for;
      // "any limit on how much Microsoft can collect?" asks whether there is a limit.
      intents: detectIntents(intentText(asking)),
      terms: [],
      entityTerms: new Set(),
      entities: [],
      unknown: [],
      unknownNames: [],
      askedFor: null,
      askedForUnknown: false,
      flow: null,
      // Only where a word of saying or "per" occurs: most questions have none.
      attributed: ATTRIBUTION_KEY.test(framed)
        ? [...framed.matchAll(ATTRIBUTION)].flatMap((m) =>
            analyzer.canonicalWords(m[1] ?? m[2] ?? '').flatMap((w) => analyzer.entityOf(w) ?? []),
          )
        : [],
      speaker: speaker
        ? (analyzer
            .canonicalWords(speaker)
            .map((w) => analyzer.entityOf(w))
            .find(Boolean) ?? null)
        : null,
      alternatives: new Map(),
      asksExamples: EXAMPLES.test(normalized),
      asksToName: /^(?:which|what|whats|what's)$/.test(wh),
      // Years that name the subject itself (2026, in knowledge/aliases.yaml `context`) set no condition.
      years: [...new Set(yearsNamed)].filter((y) => !contextTerms.has(y)),
      subjectYear: yearsNamed.some((y) => contextTerms.has(y)),
      after: Number(after?.[1] ?? after?.[2]) || null,
      contentWords: 0,
      entityWords: 0,
      contextTerms: new Set(),
      contextWords: 0,
      asideTerms: new Set(),
      months: [],
      // "Isn't it true the overhaul was announced in March?" still asks yes or no once the hedge
      // ("isn't it true") is set aside, so the question as asked counts too.
      // "Can you summarize...?" asks for a summary, not whether the bot can give one.
      yesNo:
        !REQUEST.test(question) &&
        ([question, asked, question.slice(lead?.text.length ?? 0)].some((q) =>
          YES_NO.test(q.split(SENTENCE_END).find((s) => s.endsWith('?')) ?? q),
        ) ||
          question.split(/(?<=\?)\s+/).some((s) => TAG_QUESTION.test(s))),
      asksWhen: ASKS_WHEN.test(normalized),
      excepted: {
        // "Besides the timeline": a date or how long, whichever a fact gives.
        intents: new Set(
          (exceptText ? detectIntents(exceptText.toLowerCase()) : []).flatMap((i) =>
            i === 'date' || i === 'duration' ? ['date', 'duration'] : [i],
          ),
        ),
        terms: new Set(
          analyzer
            .canonicalWords(exceptText)
            .filter((w) => !analyzer.entityOf(w))
            .flatMap((w) => analyzer.term(w) ?? [])
            .filter((t) => !contextTerms.has(t)),
        ),
      },
      // "Our AWS rep was vague on the call yesterday." is background; "who is on call this week?" asks.
      relativePeriod: questionSentences.some((s, i) => weighed[i] && asksOfPeriod(s)),
      choice: null,
      asksActual: ACTUAL.test(normalized) && !POSSIBLE.test(normalized),
      defines: definedEntity(normalized),
      gotten: null,
      details: [],
      planned: plannedOf(normalized),
    };
    // "How many weeks, two or is it four?" offers figures to choose from: a value choice.
    const sides = wh === 'how' ? null : choiceSides(questionSentences.filter((_, i) => weighed[i]));
    if (sides)
      analysis.choice = {
        terms: [new Set(), new Set()],
        unknown: [[], []],
        secondSettles: sides.secondSettles,
      };
    const kind = askedKindOf(askedWords, wh);
    const { stuffAsked } = kind;
    // "Give me an example of a capability...": examples of that kind.
    const askedCanonical =
      kind.askedCanonical ??
      (analysis.asksExamples
        ? analyzer.canonicalWords(EXAMPLE_OF.exec(normalized)?.[1] ?? '')[0]
        : undefined);
    // "May" is a month only where a date is: "in May", "May 5", "April or May".
    const mayIsMonth = normalized.includes('may') && MAY_MONTH.test(normalized);
    const monthChoice = normalized.includes(' or ') && MONTH_CHOICE.test(normalized);
    const choiceEntities: [Set<string>, Set<string>] = [new Set(), new Set()];
    const gotCanonical = gottenOf(asking);
    const seen = new Set<string>();
    const words = wordsOf(question);
    // "is mistral dropping a new model", "grok 5 release date?": a name written in lower case, as
    // the subject a yes-or-no question opens with or before a version number.
    const namedUnknown = new Set(
      [UNKNOWN_SUBJECT.exec(asking)?.[1], ...[...asking.matchAll(BEFORE_VERSION)].map((m) => m[1])].filter(
        (w): w is string =>
          w !== undefined &&
          !known(w) &&
          analyzer.term(w) !== null &&
          // "can opneai sell...": a misspelt word the knowledge base knows is no new name.
          searchable().fuzzyGet(w, w.length >= 6 ? 2 : 1).size === 0,
      ),
    );
    // "Satya's take?": an opinion of theirs; "did Bezos take the crown?" is Amazon's doing.
    const personIntent = analysis.intents.includes('person') || /'s\s+(?:take|hot take)\b/.test(normalized);
    // "Can Microsoft sublicense the IP?", "does OpenAI still have to train on Azure?": the action a
    // yes-or-no question asks a company or a person to take; unknown to the facts, no fact says it
    // happened. Only after a name or a pronoun, where the verb's place is sure.
    const verbAsked = ASKED_VERB.exec(asking);
    // "Did Microsoft's stake get diluted?": what was done to something of theirs, too.
    const subjectAsked = verbAsked?.[1] ?? verbAsked?.[3];
    const askedVerb =
      subjectAsked &&
      (PRONOUNS.has(subjectAsked) || analyzer.canonicalWords(subjectAsked).some((w) => analyzer.entityOf(w)))
        ? (verbAsked?.[2] ?? verbAsked?.[4])
        : undefined;
    // "How does Microsoft still profit if OpenAI takes off on other clouds?": the case an "if"
    // clause sets up is background, unless the rest asks nothing of its own ("if speed isn't the
    // bottleneck, what is?").
    if (MID_CASE_KEY.test(question)) {
      for (const m of question.matchAll(IF_CASE)) {
        const clause = analyzer.canonicalWords(m[0]);
        // The rest of the question: its words less the clause's, each once.
        const rest = [...words];
        for (const w of clause) {
          const i = rest.indexOf(w);
          if (i >= 0) rest.splice(i, 1);
        }
        if (!rest.some((w) => analyzer.term(w) !== null && !analyzer.entityOf(w))) continue;
        for (const w of clause) if (!rest.includes(w) && !analyzer.entityOf(w)) asides.add(w);
      }
    }
    analysis.flow = flowOf(words);
    addEntityAlternatives(words, analysis.alternatives);
    const namesSubject = subjectNames(words);
    for (const [index, word] of words.entries()) {
      const term = analyzer.term(word);
      if (term === null) continue;
      const aside = asides.has(word) || cleft.has(word) || namesSubject.has(index);
      const named = analyzer.entityOf(word);
      // A leader stands for the company, unless the question is about the person: what they said
      // or did as one, or who someone is. Only words near the name count: "does Satya still have
      // first call?" is about Microsoft.
      const entity =
        named &&
        leaders.has(named) &&
        !personIntent &&
        !PERSONAL.test(words.slice(Math.max(0, index - 3), index + 4).join(' '))
          ? leaders.get(named)
          : named;
      // "...still Microsoft, or did Bezos take the crown?": Amazon is offered in Bezos's place.
      const offered = named && entity !== named ? analysis.alternatives.get(named) : undefined;
      if (entity && offered && !analysis.alternatives.has(entity)) analysis.alternatives.set(entity, offered);
      const side = sideOf(sides, word);
      if (aside) {
        // Background may help find the facts, but it is not what is asked: it can neither be left
        // unexplained nor, when unknown, make the bot abstain; nor need the facts name a company
        // it names ("We run on AWS and have no Azure account.").
        if ((knownTerms.has(term) || vocabulary.has(word)) && !seen.has(term)) {
          seen.add(term);
          analysis.terms.push(term);
          analysis.asideTerms.add(term);
        }
        continue;
      }
      analysis.contentWords++;
      // A month says when, like a year: a condition on the answer, not a topic word it must repeat.
      // One that names the subject itself (April, in knowledge/aliases.yaml `context`) sets none.
      const month = word === 'may' && mayIsMonth ? 4 : MONTHS.indexOf(word);
      // Unless it is offered as an alternative to another: "April or May?" asks which.
      if (month >= 0 && (!contextTerms.has(term) || monthChoice) && !analysis.months.includes(month + 1))
        analysis.months.push(month + 1);
      if (entity) {
        analysis.entityWords++;
        if (!analysis.entities.includes(entity)) analysis.entities.push(entity);
        analysis.entityTerms.add(term);
      } else if (!knownTerms.has(term) && !vocabulary.has(word)) {
        // A year or a figure is checked as such below, whether or not the facts use it as a word.
        if (
          month >= 0 ||
          /^\d[\d.]*$/.test(word) ||
          FIGURE_UNITS.has(word) ||
          PERIOD_WORDS.has(word) ||
          isStopWordTypo(word) ||
          word.length <= 2 ||
          (word.length > 5 && word.endsWith('ly') && !DETAIL_ADVERBS.has(word))
        ) {
          // An unknown adverb ("realistically", "financially") colours a question, a stray letter
          // or two ("w/", "q") is shorthand, and a month is a date: none names what is asked about.
          analysis.contentWords--;
          continue;
        } else if (!(word.length > 3 && !searchable().atPrefix(word).keys().next().done)) {
          analysis.unknown.push(word);
          if (DETAIL_ADVERBS.has(word) || word === askedVerb) analysis.details.push(word);
          if (side !== undefined) analysis.choice?.unknown[side].push(word);
          if (capitalised.has(word) || namedUnknown.has(word)) analysis.unknownNames.push(word);
          if (word === askedCanonical) analysis.askedForUnknown = true;
          continue;
        }
      }
      if (word === askedCanonical && !entity && !contextTerms.has(term)) analysis.askedFor = term;
      if (word === gotCanonical && !entity && !contextTerms.has(term)) analysis.gotten = term;
      // "Does Microsoft pay anything for the licence?": who pays whom is stated wherever money
      // moves, so a fact that says nothing of paying does not answer it. Not other verbs: "can I
      // hit GPT from AWS?", "does Microsoft lose access?" are answered in other words.
      if (word === askedVerb && word === 'pay' && analysis.gotten === null) analysis.gotten = term;
      if (contextTerms.has(term) || month >= 0) {
        analysis.contextWords++;
        analysis.contextTerms.add(term);
      }
      if (side !== undefined && !contextTerms.has(term)) analysis.choice?.terms[side].add(term);
      if (entity && side !== undefined) choiceEntities[side].add(entity);
      if (!seen.has(term)) {
        seen.add(term);
        analysis.terms.push(term);
      }
    }
    // "Is Microsoft still the main partner, or did Amazon take that spot?": a company the second side
    // puts forward is an alternative to those of the first, which the answer must still speak of.
    const [claimed, offered] = choiceEntities;
    for (const e of offered)
      if (!claimed.has(e))
        analysis.alternatives.set(e, [
          ...(analysis.alternatives.get(e) ?? []),
          ...[...claimed].filter((c) => !offered.has(c)),
        ]);
    if (stuffAsked && analysis.askedFor === null && analysis.entities.length > 0)
      analysis.askedFor = PRODUCT_TERM;
    if (analysis.askedFor === null) analysis.askedFor = sameKindAsked(asking);
    return analysis;
  }

  return analyze;
}

/** What is so, or will be, as against what may be: "yet", "already", "will". */
const ACTUAL = new RegExp(
  `\\b(?:yet|already|signed|signing|inked|live|deployed|running|currently|part of|involved|joined|on board|onboard|any deal|a deal|next)\\b|^\\s*(?:is|are)\\s+[\\p{L}-]+(?:\\s+[\\p{L}-]+)?\\s+(?:(?:now|also|already)\\s+)?(?:on|in|available on|available in|available through|available via)\\s|${FUTURE.source}`,
  'u',
);
const POSSIBLE =
  /\b(?:can|could|cannot|can't|cant|allowed|able|may|might|free|option|options|possible|permitted|permission|let|lets|would|restricted|restriction|stop|prevent|barred|limited|locked|lock|exclusive|exclusivity)\b/;
/**
 * Years put forward to be corrected, and their words: "2019 with the first billion, or later?", and
 * years offered on their own after the question ("expire when? 2030?", "2019? 2022?").
 */
const guesses = (text: string) =>
  [
    ...text.matchAll(
      /\b((?:19|20)\d\d)\b(?:\s+[^\s?.]+){0,5}?,?\s+or\s+(?:later|earlier|before|after|so)\b|(?<=[?.!,]\s+)(?:(?:since\s+)?(?:like|maybe|prob|probably|around)\s+)?((?:19|20)\d\d)\s*\?+(?=(?:\s*(?:19|20)\d\d\s*\?+)*\s*$)/g,
    ),
  ].map((m) => ({ year: (m[1] ?? m[2]) as string, text: m[0] }));
const DEFINITION =
  /(?:^|[,.;:!?—–]\s*|\b(?:so|ok|okay|wait|and|but)\s+)(?:what|wtf)(?:'s|’s|s|\s+is|\s+was)?(?:\s+(?:even|exactly|actually))?(?:\s+is)?\s+(?:this\s+|that\s+|the\s+)?([\p{L}][\p{L}\d-]*)(?!['’]s?\b)(?=\s*(?:$|[?,.!—–:;]|\s-\s|\s+(?:exactly|even|actually|tho|though|is|anyway|again|thing|supposed)\b|\s+and\s+(?:what|how|why|when|who|where|which|is|does|can|do)\b))/u;
/** "What does Symphony actually do?": what it is for. */
const DOES_WHAT =
  /\bwhat (?:does|do) (?:the\s+)?([\p{L}][\p{L}\d-]*)\s+(?:even\s+|actually\s+|exactly\s+)?do\b(?=\s*(?:$|[?,.!—–:;]|\s+(?:exactly|even|actually|tho|though|anyway)\b))/u;
const SAME_KIND_CHOICE = /\b([\p{L}]{3,})\s+or\s+(?:an?\s+|the\s+)?([\p{L}]{3,})\b/u;
const PRODUCT_TERM = 'product';
/** Words that open like a negation but name something else. */
const NOT_NEGATIONS: ReadonlySet<string> = new Set(['nonprofit', 'nonprofits', 'nonsense', 'nonstop']);
const PRIORITY_TERM = 'priority';
/** Canonical words of something arriving somewhere: a launch, access, getting or having it. */
const ARRIVING: ReadonlySet<string> = new Set([
  'launch',
  'ga',
  'access',
  'get',
  'gets',
  'got',
  'have',
  'has',
  'hit',
  'hits',
  'land',
  'lands',
  'available',
  'priority',
]);
const EVENT_DETERMINERS: ReadonlySet<string> = new Set(['the', 'this', 'that', 'these', 'those']);
/** "Without switching clouds": the switch a question rules out. */
const WITHOUT =
  /\bwithout\s+((?:switching|switch|touching|touch|leaving|setting|signing|spinning|opening|going|using|needing|moving|migrating|changing|having)(?:\s+[\p{L}'-]+){0,5}?)(?=\s*[,.;:?!]|\s+(?:or|and|but)\b|\s*$)/gu;
const JOINING: ReadonlySet<string> = new Set([
  'and',
  'or',
  'but',
  'to',
  'for',
  'with',
  'of',
  'from',
  'than',
  'by',
]);
/** Words between a deal and its coming out: "the breakup thing actually dropped". */
const SKIPPED_BEFORE_NEWS: ReadonlySet<string> = new Set([
  'thing',
  'stuff',
  'actually',
  'finally',
  'officially',
  'even',
  'just',
  'really',
  'basically',
]);
/** "tomorrow", "tonight": a period, checked as such, not a topic word. */
const PERIOD_WORDS: ReadonlySet<string> = new Set(['tomorrow', 'tonight', 'yesterday', 'rn']);
/** "50 million": a figure's unit, checked with the figure. */
const FIGURE_UNITS: ReadonlySet<string> = new Set([
  'million',
  'millions',
  'thousand',
  'thousands',
  'trillion',
  'trillions',
]);
/** Words after "get" that are no thing got: "get to", "get scrapped". */
const NOT_GOTTEN =
  /^(?:to|out|rid|paid|back|around|over|away|through|into|done|cut|hit|built|sold|made|taken|given)$|\p{L}{2,}ed$/u;
const GETTING = /g[eo]t|receiv|obtain|gain/;
// "Gains" after a determiner and a word or two is a noun: "the Symphony gains came...".
const GOT =
  /\b(?:get|gets|got|getting|receive|receives|received|obtain|obtains|obtained|gain|gained|(?<!\b(?:the|those|these|its|their|his|her|our|my|any|some)\s+(?:[\p{L}'-]+\s+)?)gains)\s+(?:(?:an?|any|the|some|its|their|his|her|more|extra|also|still|actual|real)\s+)*([\p{L}][\p{L}-]*)/u;
const FIGURE = /\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty|hundred|dozen)\b/i;
/** A clause that asks yes or no: "is it live", "did Microsoft sell its stake". */
const YES_NO_LEAD = '^\\s*(?:(?:so|and|but|wait|ok|okay|like)\\s+)?';
const YES_NO_VERB =
  "(?:is|was|are|were|am|has|have|had|did|does|do|will|would|can|could|should|isn't|wasn't|didn't|doesn't|hasn't)\\b";
// "msft still the main partner, or...": chat drops the verb, and "still" says a yes-or-no follows.
const YES_NO_CLAUSE = new RegExp(`${YES_NO_LEAD}(?:${YES_NO_VERB}|[\\p{L}'-]+\\s+still\\s)`, 'iu');
/**
 * The start of a clause: a verb of asking ("or did it..."), a subject ("or they..."), or a word
 * of doubt ("or still vapor", "or just hype", "or pure hopium").
 */
const CLAUSE_OPENER =
  /^\s*(?:(?:is|was|are|were|am|has|have|had|did|does|do|will|would|can|could|should|still|just|merely|simply|pure|purely)\b|(?:it|that|this|they|he|she|we|i|you)(?:'s|'re|'ve|'d|'ll)?\s)/i;
/** A clause that opens by asking when: not "how does it profit when OpenAI grows". */
const ASKS_WHEN =
  /(?:^|[,;:]\s*|\band\s+)(?:when|since when|(?:what|which) (?:day|date|year|month)|on what date)\b/;
const SAYING =
  'say|says|said|saying|claim|claims|claimed|claiming|reckon|reckons|think|thinks|believe|believes|report|reports|reported';
/** "per OpenAI", "OpenAI is saying": whom a claim is credited to. */
const ATTRIBUTION = new RegExp(
  `\\b(?:according to|per)\\s+(?:(?:that|the|this|their|an?)\\s+)?([\\p{L}\\p{N}]+(?:\\s*[/&+]\\s*[\\p{L}\\p{N}]+)?)|\\b([\\p{L}\\p{N}]+)\\s+(?:is\\s+|are\\s+|has\\s+been\\s+)?(?:${SAYING})\\b(?!\\s+about)`,
  'giu',
);
const ATTRIBUTION_KEY = new RegExp(`\\b(?:${SAYING}|according|per)\\b`, 'i');
const SENTENCE_END = /(?<=[.!?])\s+/;
/** "Was it Google that...", "Is it really Amazon who...": the one put forward. */
const CLEFT =
  /^(?:was|is|wasn't|isn't)\s+it\s+(?:really\s+|actually\s+)?([^,?]{1,40}?)\s+(?:that|who|which)\b/i;
/**
 * "Can Microsoft sublicense the IP?", "does OpenAI still have to train on Azure?": the action a
 * yes-or-no question asks about, after its subject ("my employer", "Microsoft").
 */
const ASKED_VERB =
  /(?:^|[,.;:!?]\s*)(?:so\s+|and\s+|but\s+)?(?:can|could|does|do|has|have)\s+([\p{L}'-]+)\s+(?:(?:still|actually|really|just|even|now|already|ever|also|legally)\s+)*(?:(?:have|has|need|needs|got|get|gets)\s+to\s+)?(?:be\s+)?([\p{L}]+)|(?:^|[,.;:!?]\s*)(?:so\s+|and\s+|but\s+)?did\s+([\p{L}-]+(?:'s\s+[\p{L}-]+)?)\s+(?:(?:still|actually|really|just|even|ever|also)\s+)*(?:get|got)\s+([\p{L}]+)/u;
const PERSONAL =
  /\b(?:say|says|said|saying|think|thinks|thought|tweet\w*|post|posts|posted|comment\w*|react\w*|interview\w*|feel|feels|felt|personally|ceo|role|job|fired|resign\w*|step(?:s|ped)? down|salary|net worth|age|opinion|statement|quote\w*|speak|spoke|talk\w*|meet|met|call|called|email\w*|sign|signed|mood|happy|mad|angry|upset|view|views|stance|position|thoughts|reaction|response|cash|cashed|cashing|sell|sold|selling|rich|richer|wealth|fortune|stake|shares|who)\b/;
const UNKNOWN_SUBJECT = /^\s*(?:is|was|does|did|has|will|can)\s+([\p{L}]{3,})\s+(?!or\b)[\p{L}]/u;
const BEFORE_VERSION =
  /\b([\p{L}]{3,})[ -]?(?!(?:19|20)\d\d\b)\d+(?:\.\d+)?\b(?!\s*(?:%|x\b|percent|billion|bn|b\b|sessions?|teams?|weeks?|days?|months?|years?))/gu;
const PRONOUNS: ReadonlySet<string> = new Set(['i', 'we', 'you', 'u', 'they', 'it', 'he', 'she']);
// Adverbs that say when or how often something applies, which a fact must state to answer: "does
// the cap apply retroactively?", "is it paid quarterly?". Other adverbs only colour a question.
const DETAIL_ADVERBS = new Set(
  'retroactively retrospectively annually yearly monthly quarterly weekly daily hourly biannually'.split(' '),
);
/**
 * "Besides the end date, what...", "what changed, apart from the end date?". "Other than" only
 * opening a clause: in "a cloud other than Azure" it says which clouds, setting nothing aside.
 */
const EXCEPT =
  /(?:(?:^|[,.;:]\s*)other than|\b(?:besides|apart from|aside from|except for))\s+([^,?;.!]{1,40}?)(?=[,?;.!]|\s*$|\s+(?:what|which|how|who|whats|what's|is|are|was|were|did|does|do|can|has|have|anything|any)\b)/i;
/**
 * Whether a sentence asks. "...? like what was the definition": a question word asks, with or
 * without its "?"; "...? like a breakup fee": an example or an alternative spells out the question;
 * "...? need a dollar figure": a request asks too.
 */
const isQuestion = (s: string) =>
  WH_WORD.test(s) ||
  /\?\s*$|^(?:like|e\.?g|i\.?e|such as|or|say|for example|for instance|especially|specifically|any|(?:(?:i |we )?(?:need|want)|give me|gimme) (?:a|an|the|some) (?:[\w-]+ )?(?:figure|number|amount|total|date|day|month|year|name|names|estimate))\b/i.test(
    s,
  );
/**
 * A period counted from today, which sources written at one time do not speak of: "this week",
 * and "so far" (how much has been paid so far is a question about today).
 */
const RELATIVE_PERIOD =
  /\b(?:tomorrow|tonight|yesterday|so far|last year|(?:this|next|last) (?:week|weekend|month|quarter))\b/i;

/**
 * Whether a sentence asks about a period counted from today. Not when the period only sets up a
 * case: "if OpenAI ships something tomorrow, which cloud gets it first?", "a new model drops
 * tomorrow — who gets it?" ask what the rule is.
 */
const asksOfPeriod = (sentence: string) => {
  if (!RELATIVE_PERIOD.test(sentence)) return false;
  // "How much has been paid so far?" counts up to today; "what has OpenAI claimed so far?" asks
  // what the sources say.
  if (!/\bhow (?:much|many)\b/i.test(sentence) && !RELATIVE_PERIOD.test(sentence.replace(/\bso far\b/gi, '')))
    return false;
  // "When OpenAI ships something tomorrow, ..." sets up a case; "When did AWS launch last week?" asks.
  const clauses = withoutConditionalWhen(sentence.toLowerCase()).split(CLAUSE_BREAKS);
  const asking = clauses.map(isQuestion);
  return clauses.some(
    (c, i) => RELATIVE_PERIOD.test(c) && !HYPOTHETICAL.test(c) && (asking[i] || !asking.includes(true)),
  );
};
/** The words of a choice's two sides, and whether the second may settle it. */
type Sides = { first: Set<string>; second: Set<string>; secondSettles: boolean };
/** "...or was it struck?", "...or is that still vapor?": the second side's subject is the first's. */
const BACK_REFERENCE =
  /^\s*(?:(?:is|was|are|were|has|have|had|did|does|do|will|would|can|could|should)\s+(?:it|that|this|they)\b|(?:it|that|this|they)\b|(?:still|just|merely|simply|pure|purely)\b)/i;
/** The subject of a yes-or-no clause: the word after its verb and any article. */
const SUBJECT = new RegExp(
  `${YES_NO_LEAD}(?:${YES_NO_VERB}\\s+(?:(?:the|a|an|this|that)\\s+)?([\\p{L}\\p{N}][\\p{L}\\p{N}'-]*)|([\\p{L}\\p{N}][\\p{L}\\p{N}'-]*)\\s+still\\s)`,
  'iu',
);
/** Which side of a choice a word is on: neither when it is on both. */
const sideOf = (sides: Sides | null, word: string): 0 | 1 | undefined => {
  const first = sides?.first.has(word) ?? false;
  const second = sides?.second.has(word) ?? false;
  return first === second ? undefined : first ? 0 : 1;
};
const CLAUSE_BREAKS = /\s*[,;—–]\s*|\s+-\s+/;
const CLAUSE_BREAK = /[,;—–]|\s-\s/;
/**
 * A clause about what someone does, says or thinks: "ppl keep referencing it", "ngl i was offline
 * all week".
 */
const COMMENT =
  /^\s*(?:(?:ngl|tbh|honestly|fwiw|btw|lol|ok|okay|so|well|yeah|welp)\s+)?(?:i|i'm|im|i've|ive|we|we're|ppl|people|everyone|everybody|someone|somebody|they|they're|my \w+|our \w+|it seems|seems|(?:it |this |that )?(?:feels|sounds|looks) like|things|been|nobody|no one|lol|lmao|haha|now that|given that|considering|seeing as)\s+(?!(?:want|wanna|need|wonder|wondering|ask|asking)\b)\w+/i;
/**
 * Words that open a clause setting up a case: "if OpenAI ships something tomorrow, ...". Only the
 * first few may do so mid-sentence ("...still profit if OpenAI takes off elsewhere?"); "say" and
 * "whenever" there are something else.
 */
const MID_CASE_OPENERS = 'if|once|assuming|suppose|supposing|now that|given that';
const CASE_OPENERS = `${MID_CASE_OPENERS}|say|let's say|lets say|in case|whenever`;
const MID_CASE_KEY = new RegExp(`\\b(?:${MID_CASE_OPENERS})\\b`, 'i');
const CASE_CLAUSE = new RegExp(`^\\s*(?:${CASE_OPENERS})\\b[^,?]{1,80},\\s*(?=\\S)`, 'i');
const intentText = (asking: string) => {
  const cased = withWholly(HYPOTHETICAL.test(asking) ? asking.replace(CASE_CLAUSE, '') : asking);
  return cased.includes('how m') ? cased.replace(LIMIT_ON_HOW_MUCH, '$1') : cased;
};
const LIMIT_ON_HOW_MUCH =
  /\b((?:limit|limits|limiting|cap|caps|capping|ceiling|ceilings|restriction|restrictions|restrict|restricts|maximum|constraint|constraints|constrain|constrains)(?:\s+(?:on|to))?)\s+how\s+(?:much|many)\b/;
const LEAD_IN =
  /^([^?—–:]{3,100}?)\s*(?:—|–|\s-\s|:)\s*(?=(?:(?:so|and|but|ok|okay)\s+)?(?:(?:through|thru|until|till|by|in|on|at|for|from|since)\s+(?=what|which|when|how))?(?:what|which|when|why|how|who|where|until|till|is|was|are|were|has|have|had|did|does|do|will|would|can|could|should)\b|[^?—–:]{3,200}?,\s*(?:correct|right|true|yes|yeah|accurate)\s*\?+\s*$)/i;
// Not after a word of asking or knowing ("wants to know if", "not clear if": whether), nor "at once".
const IF_CASE = new RegExp(
  `(?<!\\b(?:know|knows|wondering|wonder|ask|asks|asked|asking|see|check|sure|idea|clue|clear|unclear|confirm|tell|certain|doubt|matter|matters|out|at)\\s+)\\b(?:${MID_CASE_OPENERS})\\s+[^\\s,?.;!—–]+\\s+[^,?.;!—–]{1,80}?(?=\\s+(?:does|do|did|is|are|was|were|will|would|can|could|should|has|have|who|what|when|which|how|why)\\s|\\s*[,?.;!—–]|\\s*$)`,
  'gi',
);
const PLANNED =
  /(?<!\b(?:what|which|who|how|when|where|why|whats|what's)\s+)\b(?:is|are|am)\s+(?:[\p{L}'-]+\s+){1,3}?(?:going to|gonna)\s+(?!(?:be|stay|keep|remain|continue|get|have|happen)\b)([\p{L}]+)/u;
const POINTS_BACK = /\b(?:that|this|it|its|they|them|those|these|there|he|she|one)\b/i;
/** "What does that mean?" points back to a claim; "why did they...?" to the parties, not a claim. */
const POINTS_TO_CLAIM = /\b(?:that|this|it)\b/i;
/** Pointing back is how a question opens: "was that fixed?", not "...or does it keep running?". */
const openingOf = (text: string) => text.trim().split(/\s+/).slice(0, 4).join(' ');
const HYPOTHETICAL = new RegExp(`^\\s*(?:${CASE_OPENERS})\\b`, 'i');

// A run of emoji and spaces, matched greedily once: a lazy run followed by spaces would be tried
// again from every emoji in it.
const EMOJI_RUN =
  /([.!?:;,]?)\s*\p{Extended_Pictographic}(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|\s)*/gu;
/** Emoji in the middle of a message end what comes before: "We're an AWS shop 🙃 can we...". */
const withEmojiBreaks = (text: string) =>
  /\p{Extended_Pictographic}/u.test(text)
    ? text.replace(EMOJI_RUN, (run: string, p: string, offset: number) =>
        // Only between words: a run that ends the message, or is not followed by a space, stays.
        /\s$/.test(run) && /[\p{L}\p{N}]/u.test(text[offset + run.length] ?? '') ? `${p || '.'} ` : run,
      )
    : text;

const sortLetters = (word: string) => [...word].sort().join('');
