import SearchableMap from 'minisearch/SearchableMap';
import { stemmer } from 'stemmer';
import { isEnglishWord } from './english.js';
import type { Intent, KnowledgeBase } from './knowledge/schema.js';

/**
 * Text processing shared by the index and the questions. Both sides must go through exactly the
 * same steps, or a paraphrase that should match will not.
 */

// Function words, question words and filler that carry no topic. Question words are recovered
// separately as intents (see detectIntents), which is why dropping them here is safe.
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any anymore anyone anything are aren as at be
  because been before being below between both but by can cannot could couldn did didn do does doesn
  doing don down during each either else ever every few for from further get gets getting got had has
  hasn have haven having he her here hers herself him himself his how however i if in into is isn it
  its itself just let lets like me might more most much must my myself no nor not now of off on once
  one only or our ours ourselves out per please same shall she should so some such wtf wth
  than that the their theirs them themselves then there these they this those through to too under
  until up upon us very was wasn we were weren what whats when whenever where whether which while who
  whom whose why will with within without won would wouldn yes yet you your yours yourself
  s t d ll m re ve
  actually already anyway basically currently exactly hey hi hello kind maybe pretty quite
  really right still sure tell told know knew known want wants wanted need
  needs look looking looks mean means meant think thought wondering wonder explain curious heard hear
  thing things stuff something question questions answer bot guys folks ok okay thanks thank
  happen happened happens happening going go goes gonna wanna gotta lot lots way ways regard
  regarding respect day days year years time times new news today since exist exists
  long big large many last keep keeps kept retain retains retained remain remains remained stay stays
  stayed situation case example examples instance real world ai piece article articles source sources
  writeup writeups pure purely mere measuring measure measures claiming prepping preparing prepare prep
  brag brags bragged bragging boast boasts boasted boasting random kinda sorta til
  remember recall chatter buzz era bro dude fam
  report reports reported according mention mentions mentioned date dates month months week weeks
  hour hours point quick q someone somebody everyone everybody word backstory
  detail details info information update updates latest status rumor rumour tl dr fyi btw
  honestly anybody guess wondered longer circumstance circumstances show shows showed shown crazy
  huge massive place forward ahead give gives gave given actual try trying tried whole via thru
  make makes made making relate relates related connect connected claim claims claimed
  timeline timing schedule whatever pls plz ask asks asking asked see saw seen headline headlines
  true correct accurate confirm twitter rumors mill ish position stance self inside done
  isnt arent wasnt werent doesnt dont didnt cant couldnt wont wouldnt shouldnt hasnt havent hadnt im
  ive youre theyre thats misread misunderstand misunderstood understand understood idea ideas
  says saying existing current previous prior old former exact hold holds holding
  held wait hmm oh um uh lol skim skimmed standpoint perspective viewpoint pov roughly approximately
  approx around circa reach reaches reached apart side sides sorry nah yeah yep nope trending together
  giving said likes liked supposed talking well bit till tho though shop match matches smth sth include includes included including reckon reckons even wrong went legit financial play played pan panned back wat wut wht straight picture link links connection type types sort obliged obligated drama saga tbh imo imho fwiw afaik iirc lmao biggest raw figure figures contain contains contained considered deemed stats statistics metrics hadn mustn needn mightn
  following toward towards onward onwards notwithstanding among amongst purposes become becomes became
  becoming precise general several various event events keeping retaining remaining staying post pre describe
  described describes describing coverage everything direction directions party parties
  convinced concrete tangible bother bothered rep reps representative standing story special fair kinds sorts letting
  nature character two versus vs elaborate clarify ones meaning x dumb stupid silly noob rumours
  misremembering misremember mistaken whoever wherever say hint seeing hearing fwd onto inc preexisting
  different cope copium hopium fanboys fanboy bruh ngl smh idk ikr lowkey highkey vibes shiny fancy
  care cares cared seemed seems seem vaporware shops wise ing swears forever spin memeing fault allergic
  tripping lecture hand finance quoting quoted citing cited past rough giant enormous whopping hefty
  genuine put puts ballpark instead whens
  theres heres wheres whos hows whys misreading misreads centric hyping hyped hard reading help far timeframe path paths somehow stand stands speaking always across ago along throughout angle offline alive sometime cite btwn whispers whisper subset huh entire procurement hell irl monster
  wild director directors vp vps eng ammo ammunition reddit linkedin youtube hn referring refer refers
  referred yoink yoinked yoinks remind reminder argue argues arguing metric nowadays thread threads student
  students confusing cto ctos cfo cfos coo cio ciso refuses refuse refused migrating
  understanding buddy buddies feed console uncle uncles cousin cousins roommate roommates ranting rant rants spill
  toes thinks wen lawyer lawyers missed tweet`.split(/\s+/),
);

let stopWordMap: SearchableMap<true> | undefined;

/**
 * A misspelt stop word ("happend"): one edit from one, same first letter, and not itself an
 * English word. Such a word is no more part of the question than the word it stands for.
 */
export function isStopWordTypo(word: string): boolean {
  // The word list is a set lookup; the fuzzy search below is the costlier test.
  if (word.length < 5 || isEnglishWord(word)) return false;
  stopWordMap ??= SearchableMap.from(
    [...STOP_WORDS].filter((w) => w.length >= 4).map((w) => [w, true] as const),
  );
  for (const candidate of stopWordMap.fuzzyGet(word, 1).keys()) if (candidate[0] === word[0]) return true;
  return false;
}

const TIME_UNITS = '(?:days?|weeks?|months?|years?|hours?)';
/** The months, in order: the question reader's month checks read them from here. */
export const MONTH_WORDS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;
/** "Q3 or Q4?", "which quarter?": a date to the quarter. */
export const QUARTER_WANTED = /\bq[1-4] or q[1-4]\b|\b(?:what|which) quarter\b/;
/** Each month and its short form, as a regex alternation: "April or May?" asks when. */
const MONTH_NAMES = `${MONTH_WORDS.map((m) => `${m.slice(0, 3)}|${m}`).join('|')}|sept`;
const INTENT_PATTERNS: [Intent, RegExp][] = [
  [
    'date',
    new RegExp(
      `\\b(when|whens|wen|what (day|date|year|month)|which (day|date|year|month)|since when|on what date|at what point|timeline|timing|timeframe|time frame|schedule|(?:launch|release|start|announcement|go-live|ga) date|(?:the )?same (?:day|date)|how soon|how far (?:out|off|away)|(?:date|day) of|(?:exact|precise|specific|actual) (?:day|date)|(?:${MONTH_NAMES}) or (?:${MONTH_NAMES})|(?:19|20)\\d\\d or (?:19|20)\\d\\d|in q[1-4]|${QUARTER_WANTED.source})\\b`,
    ),
  ],
  [
    'duration',
    new RegExp(
      // "last" only as a verb at the end ("how long will it last?"), not "last year".
      `\\b(how long|until when|till when|(?:until|til|till)(?!\\s+(?:then|now)\\b)|through when|how many (?:more |extra |additional )?${TIME_UNITS}|lasts|last\\s*\\?*$|expire|expires|expiry|expiration|runs? out|ran out|running out|end date|end year|final year|cutoff|cut-off)\\b`,
    ),
  ],
  // "How many days" asks for a duration, not an amount.
  [
    'amount',
    new RegExp(
      `\\b(how much|how many(?! (?:more |extra |additional )?${TIME_UNITS}\\b)|how big|how large|size|amount|(?:what|whats|what's)(?: is| was)?(?: the)? (?:total|sum)|(?:max|maximum|min|minimum) (?:number|amount) of|stats|statistics|metrics|(?:exact|precise|specific) (?:cap|amount|figure|number|limit|ceiling|value|maximum|max)|ballpark(?!,?\\s+(?:how long|how soon|when|how many (?:more |extra |additional )?${TIME_UNITS}))|order of magnitude|in (?:dollars|usd|euros|billions|millions)|(?:dollar|dollars|cash|usd) (?:figure|amount|value|number|terms|cap|limit|ceiling|size|total|maximum|max))\\b`,
    ),
  ],
  [
    'percentage',
    // "A percentage of its revenue" is the revenue share, not a rate asked for.
    /(\b((?<!\ba )(?:percent|percentage)|a (?:percent|percentage)(?! of (?:its |their |the |his |her |our )?(?:revenue|revenues|sales|income)\b)|(?:what|which|whats|what's)(?: [\w']+){0,4} rate(?!\s*-?limit)|what share of)\b|%)/,
  ],
  // "Who runs Microsoft?" asks for a person; "who pays whom" does not.
  [
    'person',
    /\bwho (?:at|from|inside|within|on)\b|\bwho(?:'s|s)?\b(?: [\w']+){0,4}? (runs|ran|leads|led|heads|headed|founded|negotiated|signed|approved|decided|announced|reported|wrote|manages|managed|oversees|oversaw|chairs|chaired|pushed|proposed|insisted|demanded|requested|championed|brokered|drafted|pitched|decides|determines|gets to decide|owns the|is the (ceo|cfo|cto|head|boss|founder|chair))\b/,
  ],
  [
    'cause',
    // "What was the trigger?", not "the AGI trigger in the contract".
    /\b(why|how come|reason|reasons|cause|caused|causes|catalyst|fault|(?:what|the) (?:was |is )?(?:the )?trigger(?! clause| provision| language)|trigger (?:for|of|behind)|triggered|what led|led to|(?<!, )because|what (?:started|sparked|kicked off|set off|prompted|drove|caused))\b/,
  ],
  // "Did AWS end up with...", "in the final settlement": how it turned out, which a demand does not say.
  [
    'outcome',
    /\b(end(?:ed|s)? up|in the end|final (?:settlement|arrangement|deal|terms|agreement|version)|after all(?! this| that| the)|ultimately|still (?:get|gets|have|has|hold|holds|keep|keeps|retain|retains|own|owns)|anymore|any more|no longer|(?:keeps?|keeping|kept|retains?|retained) (?:its|their|the|that|those|exclusive|sole|rights?|exclusivity)|waived|honou?red|after the (?:restructur\w*|overhaul|deal|settlement|rework|reset|renegotiation))\b/,
  ],
  // "How do I request access...?", "how to set it up": steps to follow, which the news does not give.
  // Not "how do I know whether...", "how should I think about...": those ask about the news.
  [
    'steps',
    /\bhow (?:do|can|should) (?:i|we|u) (?:get|set up|setup|enable|request|sign up|access|use|buy|turn on|install|configure|connect|call|deploy|migrate|switch|reset|fix|write|host|run|submit|book|file|center|make)\b|(?:^|[,;:.!?]\s*)how (?:do (?:you|u) )?to\b/,
  ],
  // "How likely...", "any projections": a forecast, which only a fact that makes one can answer.
  [
    'forecast',
    /\b(likely|unlikely|likelihood|projection|projections|projected|forecast|forecasts|predict|predicted|prediction|predictions|odds|chances?|probably|expect(?:ed)? to)\b/,
  ],
  [
    'condition',
    /\b(condition|conditions|unless|except|exception|in return|in exchange|strings|(?<!\b(?:under|in|with|per|by)\s+(?:the\s+|these\s+|those\s+)?(?:new\s+|revised\s+|updated\s+|restructured\s+|current\s+|reworked\s+)?|\b(?:new|revised|updated|restructured|reworked)\s+(?:[\w/–-]+\s+){0,2})terms|catch|caveats?|requirements?|stipulations?|provisos?|fine print|small print|in what cases?|on what(?! (?:day|date|exchange|cloud|clouds|platform|platforms)\b))\b/,
  ],
];

/** The word a question names as the kind of thing it wants: "which regions", "what price". */
// Only where a clause starts: in "that clause which people argued about", "which" asks nothing;
// or ending the question: "available in which AWS regions?", not "the rate at which OpenAI pays".
const ASKED_FOR =
  /(?:(?:^|[,;:.!?(\-—–]\s*|\b(?:and|but|so|or|then|exactly|just|also|me|us|know)\s+)(?:(?:on|in|at|for|from|to|by|with|under|of)\s+)?(which|what|whats|what's)|\b(?:on|in|at|from|through|via)\s+(which)(?=(?:\s+[\p{L}\p{N}]+){1,3}\s*[?.!]*\s*$)|\b(how many|how much))((?:\s+[\p{L}\p{N}]+){1,3})/u;

/**
 * The question word before the asked-for word ("which", "what", "how"... or "") and up to three
 * words after it: the asked-for word is among them.
 */
export function askedForOf(normalized: string): { wh: string; words: string[] } {
  const m = ASKED_FOR.exec(normalized);
  return {
    wh: (m?.[1] ?? m?.[2] ?? m?.[3])?.split(/\s+/)[0] ?? '',
    words: m?.[4] ? m[4].trim().split(/\s+/) : [],
  };
}

// "Why is the Bedrock launch such a big deal?" asks what makes it matter, which a fact can say
// without giving a cause.
const SIGNIFICANCE =
  /\bwhy\b[^?]*\b(?:significant|significance|important|importance|big deal|milestone|notable|noteworthy|matter|matters|mattered|relevant|special|hype|hyping|hyped|excited|historic|historical|landmark|losing (?:their|its|our) minds?|freaking out|going (?:crazy|wild|nuts))\b|\b(?:significance|big deal|milestone)\b[^?]*\bwhy\b/;

/**
 * Words that name a kind of statement ("what's the number?", "the reason?"): a fact that states one
 * of that kind explains the word, in whatever words it gives it.
 */
export const KIND_WORDS: Readonly<Record<string, Intent>> = {
  number: 'amount',
  amount: 'amount',
  total: 'amount',
  reason: 'cause',
  cause: 'cause',
  condition: 'condition',
};

export function detectIntents(normalized: string): Intent[] {
  const intents = INTENT_PATTERNS.filter(([, re]) => re.test(normalized)).map(([intent]) => intent);
  // "AMZN $50B OpenAI?" asks about the sum; "what strings came with the $50B?" asks for the strings.
  if (intents.length === 0 && normalized.includes('$')) intents.push('amount');
  return SIGNIFICANCE.test(normalized) ? intents.filter((i) => i !== 'cause') : intents;
}

// Chat mentions and links are not words of the question: Slack <@U123>, <!channel>, <#C1|name>,
// <https://...|label>, Discord <@123>, <@!123>, <@&123>, <#123>, <:emoji:123>, @everyone, @here,
// and a handle typed as plain text ("@cloudguy did..."): it says whom a message is for, not what.
const MARKUP = /<[@#!&:][^>]*>|<https?:[^>]*>|(?<![\p{L}\p{N}])@[\p{L}\p{N}_.-]+|https?:\/\/\S+/giu;
// Control and format characters (zero-width spaces, bidi overrides, soft hyphens) that survive NFKC.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/** A question word, also as chat writes it ("whats", "hows"). */
export const WH_WORD =
  /\b(?:what|whats|wat|wats|which|when|whens|why|whys|how|hows|who|whos|where|wheres)\b/i;
/** A word or three that asks no question of its own: "possible now?", "true??". */
export const isShortTag = (text: string) => text.trim().split(/\s+/).length <= 3 && !WH_WORD.test(text);

/** A character beyond printable ASCII (tab and line breaks aside). */
export const NOT_ASCII = /[^\t\n\r -~]/;
const MARKUP_KEY = /[<@]|http/i;
/** Words that can put a date within a month: only then is IN_MONTH worth trying. */
const IN_MONTH_KEY = /\b(?:end of|start of|beginning of|middle of|early|mid|late)\b/;
/** Words that can follow a spelled-out figure: only then is SPELLED_FIGURE worth trying. */
const FIGURE_KEY = /illion|percent|per cent|thousand|\bbn\b/;
/** A letter held down three times or more, in ASCII text. */
const HELD_DOWN_ASCII = /([a-z])\1\1/;
/** A word of lower-case ASCII text, a decimal figure whole. */
const ASCII_WORD = /[a-z0-9]+(?:\.\d+)?/g;
/**
 * Anything in lower-case text that one of splitWords' rewrites looks for (with the held-down letter
 * tested apart, and text beyond ASCII always rewritten). Most aliases and variants have none. A new
 * rewrite in splitWords needs its trigger here too.
 */
const REWRITE_KEY = new RegExp(
  `${NOT_ASCII.source}|[\`$%#-]|'s| own| off|${IN_MONTH_KEY.source}|${FIGURE_KEY.source}|revshare|\\d[a-z]`,
);

/** Cleans what a user typed into plain text: Unicode-normalised, no chat markup, single-spaced. */
export function cleanQuestion(input: string): string {
  // Plain ASCII, which most questions are, is its own normal form, and once its white space is
  // single spaces it has no invisible characters left.
  let text = NOT_ASCII.test(input)
    ? input.normalize('NFKC').replace(/\s+/g, ' ').replace(INVISIBLE, '')
    : input.replace(/\s+/g, ' ');
  // Until nothing is left to remove: "<<!channel>!channel>" hides one mention inside another.
  // Every kind of markup has a "<", an "@" or a link.
  for (let previous = ''; previous !== text && MARKUP_KEY.test(text); ) {
    previous = text;
    text = text.replace(MARKUP, ' ');
  }
  // "x.com hype", "openai.com": a site stands for its name.
  if (text.includes('.')) text = text.replace(SITE, '$1');
  return text.replace(/\s+/g, ' ').trim();
}
const SITE =
  /(?<![\p{L}\p{N}.-])([\p{L}\p{N}][\p{L}\p{N}-]*)\.(?:com|org|net|io|ai|co|dev|app)(?=$|[\s,;:!?)])/giu;

// "hey all,", "hi team -", "quick q:" at the start of a chat message.
const GREETING =
  /^(?:(?:hi|hey|hello|yo|ok|okay|so|morning|good (?:morning|afternoon|evening)|folks|all|team|everyone|guys|quick (?:q|question|one))\b[^,:;!?.\n—–-]{0,20}(?:[,:;!.—–]|\s-(?=\s|$))\s*)+/i;
// "Legal question:", "finance q:", "For the finance team:", "Our account team is asking:": a label
// that says who asks, before a colon, when a question follows it. "Bedrock: when is GA?" stays.
// "Forwarded from a customer:", "Eng leads are debating this in #platform:" say where it comes from.
const LABEL =
  /^(?:[^:?]{0,40}\b(?:question|questions|q|qs|query|request|team|asking|asks|wondering|curious|fyi|context)|[^:?]{0,40}\b(?:forwarded|forwarding|fwd|fw|relaying|passing (?:on|along)|(?:debating|arguing about|arguing over) (?:this|that|it))\b[^:?]{0,25})\s*:\s+(?=(?:\S+\s+){2,}\S)/i;

// "My manager asked me whether...", "the board wants to know if...", "our CFO wants to understand
// whether...": who is asking, before the question itself is reported. Not when the message itself
// asks about the asking ("who asked...").
const REPORTED =
  /^(?!\s*(?:when|why|how|what|which|who|whom|whose|where|did|does|do|is|are|was|were|can|could|will|would|should|has|have)\b)[^?]{0,120}?\b(?:ask|asks|asked|asking|wondering|wonders|wondered|(?:wants?|wanted|needs?|needed|would like|'d like)\s+to\s+(?:know|understand|confirm|check|find out|figure out|clarify|verify))\s+(?:me\s+|us\s+)?(?=(?:whether|if|when|why|how|what|which|who|until|till)\b)/i;

// "journalist here,", "just double-checking:", "isn't it true that", "correct me if I'm wrong,":
// who asks and how sure they are, before what they ask. ("Apart from the end date," is what they
// do not ask: the query reader sets it aside.)
const HEDGE =
  /^(?:(?:quick\s+)?sanity[- ]check\s*[:,—–-]?\s*|(?:bottom line|long story short|in short|in a nutshell)\s*[:,-]\s*|from (?:an?|the|my|our) [\p{L}' -]{1,30}?(?:angle|perspective|standpoint|point of view|pov|side)\s*,\s*|(?!\s*(?:when|why|how|what|which|who|whom|whose|where|did|does|do|is|are|was|were)\b)[^.?]{0,60}?\b(?:draft|article|report|post|tweet|tiktok|video|clip|reel|thread|headline|memo|story|rumou?r|gossip|someone|somebody|people|colleague|coworker|friend|boss|manager)(?:\s+(?:in|on|at)\s+(?:(?:a|an|the|my|our|another|some|this|that|one)\s+)?#?[\w-]+)?\s+(?:that\s+)?(?:(?:keeps|kept)\s+)?(?:says|said|saying|claims|claimed|claiming|suggests|suggested|suggesting|reports|reported|reporting|swore|swears|insists|insisted|insisting|posted|tweeted)\s+(?:that\s+)?|[^.?:—–]{0,60}?\b(?:asked|asks|wants?|wanted|told)\s+(?:me|us)\s+to\s+(?:confirm|check|verify|find out|double[- ]?check)\s*[:,—–-]\s*|(?:sorry|apologies)\b[^,?]{0,40}?(?:question|q)\b\s*(?:,|but|-|:)?\s*(?:but\s+)?|(?:noob|stupid|dumb|silly|newbie)\s+(?:question|q)\s*[:,-]?\s*|(?:our|my|the|a|an|some)\s+[\p{L} -]{1,30}?\s+(?:says|say|said|told me|told us|claims|claim|claimed|thinks|reckons|insists|swears|(?:keeps|kept) (?:saying|repeating|insisting|claiming|quoting|citing|telling [\p{L}]+))\s+(?:that\s+)?|for\s+(?:a|an|the|my|our)\s+[\p{L} -]{1,30}?\s*[:-]\s+|(?:where do things stand|what's the (?:status|latest|deal|story)|whats the (?:status|latest|deal|story)|any (?:news|update|updates)|what's up|whats up)\s+(?:with|on|about|of|re)\s+|[\p{L} -]{1,30}\bhere\s*[,:;.!—–-]+\s*|(?:just\s+)?(?:double[- ]?)?check(?:ing)?(?:\s+(?:a|the|on|one)\s+[\p{L}]+)?\s*[:,-]\s*|(?:isn't|is|wasn't|was)\s+it\s+(?:true|right|correct)\s+(?:that\s+)?|(?:am i|i'm|im)\s+right\s+that\s+|correct me if i'm wrong\s*[,:;-]?\s*|i\s+(?:heard|read|saw)\s+(?:that\s+)?|(?:explain like i'm five|eli5)\s*[:,-]?\s*|(?:(?:can|could) (?:someone|somebody|anyone|you|u) )?remind (?:me|us)(?: again)?\s+(?=(?:what|when|why|how|who|which|whether|if)\b)|i\s+(?:really\s+)?doubt\s+(?:that\s+)?)+/iu;

// "...for a slide", "for the board memo": what the answer is for, not what is asked.
// Only closing a sentence, of lower-case words, and nouns that name nothing in the article: "for
// the Codex project" and "for the Azure report" ask about Codex and Azure.
// Or opening one, before a dash or a comma, or before "I need": "for my newsletter — what day...",
// "writing up a competitive brief — was...", "putting together a slide for the board — what...".
const PURPOSE =
  /\s*\b(?:[Ff]or|[Bb]efore|(?:[Ww]riting|[Pp]utting together|[Pp]repping|[Pp]reparing|[Dd]rafting|[Ww]orking on|[Uu]pdating)(?: up)?) (?:a|an|the|my|our|their|this|some) (?:[a-z-]+ ){0,3}(?:slide|slides|deck|memo|newsletter|blog|briefing|brief|presentation|notes|email|podcast|video|essay|homework|assignment|thesis|write-up|writeup|one-pager|one-liner|standup|class project|school project)(?: for (?:a|an|the|my|our|their) [a-z-]+)?(?:\s+(?:tomorrow|today|tonight|this week|next week|asap))?(?:\s+(?:pls|plz|please|thx|thanks|ty))?(?=\s*(?:[.!?,;:—–]|\s-\s|$|\p{Extended_Pictographic})|\s+(?:and\s+)?(?:(?:[Ii]|[Ww]e)\s+)?(?:need|needs|want|wants|have|has|must)\b)/gu;

/** "What did Microsoft get in return?": the other side of a bargain. */
export const IN_RETURN = /\bin (?:return|exchange)\b|\bquid pro quo\b/;
/** Words that put what is asked in the future: "will Oracle host OpenAI models?", "is it gonna...". */
export const FUTURE = /\b(?:will|going to|gonna|eventually)\b/;

/**
 * "Who won this deal?", "what do you think?": an opinion, which a bot that reports its sources
 * does not have.
 */
export const asksOpinion = (normalized: string) =>
  ((normalized.includes('you') || normalized.includes('who') || normalized.includes('take')) &&
    OPINION.test(normalized)) ||
  (normalized.includes('should') && ADVICE.test(normalized));
// "Should I buy MSFT or AMZN?": investment advice, which reporting sources do not give.
const ADVICE =
  /\bshould (?:i|we|u|you|one|investors)\s+(?:(?:still|just|now)\s+)?(?:buy|sell|short|dump|load up)\b/;
const OPINION =
  /\b(?:your (?:opinion|take|view|views|thoughts|prediction|guess)|in your (?:view|opinion)|(?:give|gimme|got) (?:me )?(?:a |your )?(?:hot )?take|who (?:won|wins|is winning|came out (?:ahead|on top)|got the better (?:end|deal)))\b/;
// "What do you think — is the AGI clause gone?", "...do you think?": the question is the rest.
const THINK =
  /^\s*(?:what\s+)?do\s+(?:you|u)\s+think\s*(?:[—–:,-]\s*|\s+(?:that\s+)?)|[\s,]*\bdo\s+(?:you|u)\s+think\s*\?*\s*$/i;

// "...after all this drama?", "...with all that noise": the story so far, not what is asked.
const AFTER_ALL_THIS =
  /\s*,?\s*\b(?:after|with|in) all (?:this|that)(?:\s+(?:drama|noise|chaos|mess|news|hype|fuss|shuffling|shuffle|reshuffling|reshuffle|back and forth|stuff))?(?=\s*[?.!]*\s*$|\s*[,;—–]|\s+(?:is|are|was|were|did|does|do|can|could|will|would|has|have|who|what|which|how|when|why)\b)/gi;
// "...? asking for my CTO who hates Azure", "asking bc my friend swears...": who asks, and why.
// Only after the question has ended: "is Microsoft asking for a bigger share?" is the question.
const ASKING_FOR =
  /(?<=[?.!,;:—–]\s*|\s-\s*)asking (?:for (?:a|an|my|our|the) (?:[\p{L}'-]+ )?(?:friend|friends|boss|cto|ceo|cfo|team|manager|client|customer|colleague|coworker|cousin|uncle|brother|sister|dad|mom|portfolio|group|class|company|startup|org)\b[^?]{0,60}|(?:bc|because|cuz|since) [^?]{1,100})[.!]*\s*$/iu;
// "...capped now. Real or cope?", "legit or marketing hype?", "...or am I misremembering": is it
// true, as a tag.
const DOUBT_TAG =
  /[\s,.;—–-]*\b(?:(?:real|legit|true|accurate|fact|facts|confirmed|correct|official)\s+or\s+(?:just\s+|pure\s+)?[\p{L}'-]+(?:\s+[\p{L}'-]+){0,2}|fact[- ]?check(?:\s+(?:pls|plz|please|this|that|me))?|or\s+(?:is|was)\s+(?:that|this|it)\s+(?:just\s+|all\s+)?(?:a\s+)?(?:[\p{L}'-]+\s+){0,2}?(?:unrelated|coincidence|coincidental|separate|fanfic|fake|cap|cope|copium|hopium|fud|made up|nonsense|bs|clickbait|speculation|rumou?rs?|meme|satire|hype|marketing|(?:overhyped |hot )?take|exaggerat(?:ed|ion))(?:\s+again)?|or\s+am\s+i\s+(?:just\s+)?[\p{L}'-]+(?:\s+[\p{L}'-]+){0,8})\s*[?!.]*\s*$/iu;
// "...after 2030, like some ppl on reddit are saying?": who says so, closing the question.
const HEARSAY =
  /\s*,?\s*\b(?:like|as)\s+(?:some\s+|a lot of\s+|many\s+)?(?:people|ppl|folks|everyone|everybody|someone|they|some)\b[^?.!,]{0,40}?\b(?:say|says|saying|said|claim|claims|claiming)(?=\s*[?.!]*\s*$)/i;
// "...the Bedrock thing people keep posting about", "the 500% stat people keep quoting": who talks
// about it, not what it is.
const CHATTER =
  /\s*\b(?:that\s+)?(?:people|ppl|everyone|everybody|folks|y'?all)\s+(?:(?:keeps?|kept|are|is|was|were)\s+)?\w+ing(?:\s+(?:about|on|over|like)\b|(?=\s*[?.!]*\s*$))/gi;

const QUOTED_QUESTION = /["“](\S+\s+\S+\s[^"”]{1,300}\?)["”]/;

/**
 * "When OpenAI ships something new, do Azure customers get it first?" asks what happens then, not
 * when: a clause opening with "when" and closed by a comma before the question proper reads as "if".
 */
export function withoutConditionalWhen(normalized: string): string {
  return normalized.replace(
    /^when(?!\s+(?:did|does|do|is|are|was|were|will|would|has|have|had|can|could|should)\b)(?=\s+[^,?]{3,80},\s*(?:do|does|did|is|are|was|were|can|could|will|would|should|who|what|which|how)\b)/,
    'if',
  );
}

/**
 * The question without the greeting, label, hedge or reporting clause a chat message may open
 * with: words that say who is asking, not what. Left as is when nothing would remain.
 */
export function withoutFraming(question: string): string {
  // Each pattern runs only where its key word occurs: most questions have none of them, and the
  // patterns, unanchored or Unicode-aware, cost more than the look for the word.
  // "A customer just asked "was it announced in April?" can someone confirm": the quoted question.
  const quoted = question.includes('"') || question.includes('“') ? QUOTED_QUESTION.exec(question) : null;
  // ...unless the message asks a question of its own beside it: "Someone asked "is Azure still
  // exclusive?" and I said no. So when did Amazon invest?" ("...what do I say" asks nothing new.)
  const outside = quoted ? question.replace(quoted[0], ' ') : '';
  // ("Fwd: "...?" possible?" asks nothing new either: a word or three with no question word.
  // "...?" How much?" does.)
  function bare(text: string) {
    const rest = text.replace(/^[^:"“]*:/, '');
    return isShortTag(rest) && !/\b(?:until|till)\b/i.test(rest);
  }
  if (quoted?.[1] && (!outside.includes('?') || bare(outside))) return withoutFraming(quoted[1]);
  const lower = question.toLowerCase();
  let stripped = question.replace(GREETING, '').replace(HEDGE, '');
  // "A customer wants to know if X": the reported "if" is "whether", setting up no case.
  if (REPORTED.test(stripped)) stripped = stripped.replace(REPORTED, '').replace(/^if\b/i, 'whether');
  // "Will OpenAI hit the cap before 2030, do you think?" asks for a forecast.
  if (lower.includes('think')) stripped = stripped.replace(THINK, FUTURE.test(lower) ? ' likely ' : '');
  if (lower.includes(':')) stripped = stripped.replace(LABEL, '');
  if (lower.includes('for ') || lower.includes('before ') || lower.includes('ing '))
    stripped = stripped.replace(PURPOSE, ' ');
  if (lower.includes(' all ')) stripped = stripped.replace(AFTER_ALL_THIS, '');
  if (lower.includes('asking ')) stripped = stripped.replace(ASKING_FOR, '');
  if (lower.includes('ing')) stripped = stripped.replace(CHATTER, '');
  if (lower.includes(' say') || lower.includes(' claim')) stripped = stripped.replace(HEARSAY, '');
  if (lower.includes(' or ') || lower.includes('check')) stripped = stripped.replace(DOUBT_TAG, ', right?');
  return /[\p{L}\p{N}]/u.test(stripped) ? stripped : question;
}

const UNITS =
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(
    ' ',
  );
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const NUMBER_WORD = `(?:${[...UNITS, ...TENS.filter(Boolean), 'hundred', 'a'].join('|')})`;
/** A number written in words, before what it counts in: "fifty billion", "five hundred percent". */
const SPELLED_FIGURE = new RegExp(
  `\\b${NUMBER_WORD}(?:[ -]${NUMBER_WORD})*(?= (?:billion|million|thousand|percent|per cent|bn|m)\\b)`,
  'g',
);

function spelledNumber(words: string): number {
  let n = 0;
  for (const w of words.split(/[ -]/)) {
    if (w === 'a') n = 1;
    else if (w === 'hundred') n = (n || 1) * 100;
    else if (TENS.includes(w)) n += TENS.indexOf(w) * 10;
    else n += UNITS.indexOf(w);
  }
  return n;
}

const FALLING =
  /\b(prices?|pricing|costs?|rates?|revenues?|sales|stock|shares?|margins?|valuation)\s+(?:drop|drops|dropped|dropping)\b/gi;
// A drop that is a coming-out: not one that was or has been dropped (removed), nor one after an
// article ("a sharp drop after the news"), a noun.
const DROP_CAME_OUT = new RegExp(
  String.raw`(?<!\b(?:news|got|get|gets|getting|been|be|being|was|were|is|are|has|have|had)\s+(?:[\w'-]+\s+){0,2}|\b(?:a|an|the|this|that)\s+(?:[\w'-]+\s+)?)\bdrop(?:s|ped)?(?=\s*(?:$|[?!.,;:—–]|\s(?:in|on|at|last|this|yesterday|today|tomorrow|when|already|yet|before|after|back|earlier)\b|\s(?:late|early|mid)\s+(?:${MONTH_NAMES})\b))`,
  'gi',
);
// Not "could Microsoft drop the overhaul?": what might be dropped is abandoned, not announced.
const DROP_THE_NEWS =
  /(?<!\b(?:could|would|should|will|might|may|to|gonna)\s+(?:[\p{L}'-]+\s+){0,2})\bdrop(s|ped|ping)?\s+((?:the|their|its|a)\s+(?:[\p{L}'–-]+\s+){0,2}?(?:news|rewrite|overhaul|restructuring|restructure|announcement|shakeup|shake-up|revamp|rework|redo)\b)/giu;
/** "release" as "drop" is inflected: drops, dropped, dropping. */
const inflected = (base: string, end = '') =>
  end === 'ped' ? `${base}d` : end === 'ping' ? `${base.slice(0, -1)}ing` : `${base}${end}`;
const GETS_IT_FIRST =
  /\b((?:get|gets|getting|got|hit|hits|hitting|reach|reaches|reaching)\s+(?:(?!first\b|time\b)[\p{L}'-]+\s+){1,4})first\b(?=\s*(?:$|[?.!,;:]|\s(?:or|and|but|before|than|now|again|still|too|anymore)\b))/giu;
/** "Do we still get new OpenAI stuff before the AWS folks do?": before anyone else. */
const GETS_IT_BEFORE =
  /\b((?:get|gets|getting|got)\s+(?:(?!before\b)[\p{L}'-]+\s+){1,4})before\s+(?:the\s+|other\s+|any\s+)?(?:[\p{L}'-]+\s+){0,2}?(?:folks|people|crowd|camp|shops|teams|customers|users|clouds?|everyone|everybody|anyone|others|rivals|competitors)(?:\s+else)?(?:\s+(?:on|using|in|with)\s+(?:[\p{L}'-]+\s*){1,3}?)?(?:\s+(?:do|does|did))?(?=\s*(?:$|[?.!,;:]|(?:or|and|but)\b))/giu;
/** "Runs 100% on Google Cloud", "a 100% AWS shop", "100% gone": wholly, not a figure. */
const WHOLLY =
  /\b100\s?(?:%|percent\b|per cent\b)(?=\s+(?:on|in|gone|over|done|dead|ended|finished|sure|certain|true|real|confirmed|legit|official|free)\b|\s+[\p{L}-]+\s+(?:shop|house|customer|customers|company|team|stack)\b)/giu;
/** The text with each "100%" that means wholly written as "wholly". */
export const withWholly = (text: string) => (text.includes('100') ? text.replace(WHOLLY, 'wholly') : text);
// Not "can you list...", nor "list the products": a list written out, not a listing.
const LISTS =
  /\b((?:(?:could|will|would|might|may|can)\s+(?!(?:you|u|ya|we|i|someone|somebody|anyone|anybody)\b)[\p{L}'-]+|to|gonna|going to)\s+(?:(?:actually|finally|even|really|still|publicly)\s+)?)list\b(?=\s*(?:$|[?.!,;]|\s(?:this|next|in|on|by|before|after|soon|publicly|at|later|yet|already|anytime|any time)\b))/giu;
const GOT_OUT_OF =
  /\bwhat (?:do|does|did|will|would|could|can)\s+(?:[\p{L}'-]+\s+){1,3}?g[eo]ts?(?:ting)? out of\b/giu;

/** Where in a month: "the end of", "late" before a month's name. */
const IN_MONTH =
  /\b(?:(?:the\s+)?(?:end|start|beginning|middle) of\s+|(?:early|mid|late)[ -])(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)/g;

/** A rewrite of chat idiom: applied where its key occurs (most questions have none), in order. */
type Rewrite = readonly [
  key: RegExp,
  pattern: RegExp,
  by: string | ((match: string, ...groups: string[]) => string),
];
const IDIOMS: readonly Rewrite[] = [
  // "What does Microsoft get out of it?": what it gains.
  [/ out of/, GOT_OUT_OF, (m) => m.replace(/\bg[eo]ts?(?:ting)? out of$/i, 'benefit from')],
  // "Pay OpenAI a percentage of its revenue": a share of revenue, not a rate asked for.
  [
    /percent/i,
    /\ba (?:percentage|percent|%) of (its|their|his|her|the|our)? ?(revenue|revenues|sales|income)\b/gi,
    'a share of $1 $2',
  ],
  // "Still has to kick revenue up to Microsoft?": paying it.
  [
    /\bkick/i,
    /\bkick(?:s|ing|ed)?\s+((?:(?:its|their|the|some|a)\s+)?(?:revenue|money|cash|cut|share|payments?))\s+up\s+to\b/giu,
    'pay $1 to',
  ],
  // "What set the whole restructuring in motion?": what set it off.
  [/\bin motion\b/i, /\bset\s+((?:[\p{L}'–-]+\s+){1,4}?)in motion\b/giu, 'set in motion $1'],
  // "A company that runs 100% on Google Cloud": wholly, not a figure.
  [/100/, WHOLLY, 'wholly'],
  // "Azure first or AWS first?": which comes before the other.
  [
    /\bfirst\s+or\b/i,
    /\b((?:[\p{L}-]+\s+)?[\p{L}-]+)\s+first\s+or\s+((?:[\p{L}-]+\s+)?[\p{L}-]+)\s+first\b/giu,
    '$1 or $2 before anyone else',
  ],
  // "Does Azure still get new OpenAI stuff first?": before anyone else, not a first of its kind.
  [/\bfirst\b/i, GETS_IT_FIRST, '$1before anyone else'],
  [/\bbefore\b/i, GETS_IT_BEFORE, '$1before anyone else'],
  // "Could OpenAI list this year?": a company that lists goes public.
  [/\blist\b/i, LISTS, '$1go public'],
  // "When did they drop the partnership rewrite?": news dropped is news announced.
  [/drop/i, DROP_THE_NEWS, (_, end, rest) => `${inflected('announce', end)} ${rest}`],
  // "Will Azure revenue drop?", "prices dropping": a fall, not an ending.
  [/drop/i, FALLING, '$1 decline'],
  // "Was the Bedrock drop before the news?": a drop with an article before it is a release.
  [
    /drop/i,
    /\b(the|a|this|that|their|its)\s+((?:(?!(?:news|sharp|big|huge|steep|sudden|massive|major|small|slight|price|stock|share|revenue)\b)[\w'-]+\s+){0,2}?)drop\b(?!\s+(?:in|of|off)\b)/gi,
    '$1 $2release',
  ],
  // "When did the overhaul drop?": it came out.
  [/drop/i, DROP_CAME_OUT, 'came out'],
  [/drop/i, /\bnew\s+((?:[\w-]+\s+){0,2})drops\b/gi, 'new $1releases'],
  [
    /drop/i,
    /\bdrop(s|ped|ping)?(?=\s+(?:something new|anything new|a new|new)\b)/gi,
    (_, end) => inflected('release', end),
  ],
];

/**
 * Idioms read as what they mean, only in questions. "When did the reshuffle drop?": dropping with
 * nothing dropped is coming out, not ending; the facts' own "dropped" (the AGI clause) is an
 * ending. "What does Microsoft get out of it?": getting something out of is benefiting from, not
 * getting out of the deal. Prices that drop fall.
 */
export function withQuestionIdioms(question: string): string {
  let text = question;
  for (const [key, pattern, by] of IDIOMS)
    if (key.test(text)) text = typeof by === 'string' ? text.replace(pattern, by) : text.replace(pattern, by);
  return text;
}

/** Lower-cased words with possessives and most punctuation gone; hyphens split words. */
export function splitWords(text: string): string[] {
  // Each rewrite runs only when its text can occur: this runs for every fact, variant and keyword
  // at start-up, where most of them have nothing to rewrite, before the JIT has compiled it, so that
  // each step skipped there counts.
  let t = text.toLowerCase();
  if (!REWRITE_KEY.test(t) && !HELD_DOWN_ASCII.test(t)) return t.match(ASCII_WORD) ?? [];
  t = t.replace(/[\u2018\u2019\u02bc`]/g, "'");
  // In plain ASCII, which most text is, letters and digits need no Unicode classes: matching with
  // those took most of the time of this function, and compiling each cost start-up a tenth of a
  // millisecond or more. The rewrites below add only lower-case ASCII.
  const ascii = !NOT_ASCII.test(t);
  // "Microsoft's own idea": "own" says whose, not who owns what.
  if (t.includes(' own'))
    t = t.replace(/(?:\b(?:its|their|his|her|our|my|your)|'s)\s+own\b/g, (m) => m.slice(0, -4));
  if (t.includes("'s")) t = t.replace(/'s\b/g, '');
  // "lmaooo", "soooo": a letter held down for effect. No English word has one three times over.
  // Held down twice or once: "coool" is "cool", "lmaooo" is "lmao".
  if ((ascii ? HELD_DOWN_ASCII : /(\p{L})\1\1/u).test(t))
    t = t.replace(/\p{L}*(\p{L})\1\1\p{L}*/gu, (word) => {
      const twice = word.replace(/(\p{L})\1{2,}/gu, '$1$1');
      return isEnglishWord(twice) ? twice : word.replace(/(\p{L})\1{2,}/gu, '$1');
    });
  if (t.includes('$')) t = t.replace(/\$(\d)/g, '$1');
  if (t.includes('-')) {
    // "re-structure", "co-operate": a prefix joined by a hyphen is part of the word.
    t = t.replace(ascii ? /\b(re|co|pre|non|un)-(?=[a-z])/g : /\b(re|co|pre|non|un)-(?=\p{L})/gu, '$1');
  }
  // "at the end of April", "late April": when in a month does not change which month.
  if (IN_MONTH_KEY.test(t)) t = t.replace(IN_MONTH, '');
  // "fifty billion", "five hundred percent": figures are written as digits.
  if (FIGURE_KEY.test(t)) t = t.replace(SPELLED_FIGURE, (m) => `${spelledNumber(m)} `);
  // "revshare": revenue share.
  if (t.includes('revshare')) t = t.replace(/\brevshares?\b/g, 'revenue share');
  // "#1 partner": number one.
  if (t.includes('#1')) t = t.replace(/#1\b/g, ' number one ');
  // "did the % go up?": a percent sign with no number is the word.
  if (t.includes('%')) t = t.replace(/(?<!\d\s?)%/g, ' percentage ');
  // "the 15th": an ordinal's ending is no word. "50b", "3x": a number and its unit are two words.
  if (/\d[a-z]/.test(t)) t = t.replace(/(\d)(?:st|nd|rd|th)\b/g, '$1').replace(/(\d)([a-z]+)\b/g, '$1 $2');
  // "set the whole thing off": the particle goes with its verb ("set off the whole thing").
  if (t.includes(' off'))
    t = t.replace(
      ascii
        ? /\b(set|sets|setting|kick|kicks|kicked|kicking)\s+((?:[a-z']+\s+){1,4}?)off\b/g
        : /\b(set|sets|setting|kick|kicks|kicked|kicking)\s+((?:[\p{L}']+\s+){1,4}?)off\b/gu,
      '$1 off $2',
    );
  return t.match(ascii ? ASCII_WORD : /[\p{L}\p{N}]+(?:\.\d+)?/gu) ?? [];
}

export type Analyzer = {
  /** Words with aliases folded to their canonical word. Phrases become one word. */
  canonicalWords(text: string): string[];
  /** The same for words already split by `splitWords`. */
  canonicalOfWords(words: string[]): string[];
  /** The index's term for a canonical word, or null for a stop word. */
  term(word: string): string | null;
  /** Whether a canonical word is a company/product/person token from entities.yaml. */
  entityOf(word: string): string | undefined;
  /** Words of multi-word aliases and names ("general" of "general availability"). */
  phraseWords: ReadonlySet<string>;
};

const MAX_PHRASE = 4;
/** Stems remembered at most: the knowledge base's words and a great many questions' words. */
export const MAX_STEMS = 50_000;
/** Words for a leader's company or people: "Satya's crew" is Microsoft. */
const LEADERS_PEOPLE =
  'co crew crowd company shop outfit side camp people folks guys gang empire land inc corp startup lab labs firm org kingdom bucks money'.split(
    ' ',
  );

export function createAnalyzer(kb: Pick<KnowledgeBase, 'aliases' | 'entities' | 'filler'>): Analyzer {
  // variant (space-joined words) -> canonical word
  const alias = new Map<string, string>();
  // First words of multi-word variants, with the most words of any: only these are worth trying
  // a phrase lookup from, and only up to that length.
  const phraseStarts = new Map<string, number>();
  const phraseWords = new Set<string>();
  const entityOfWord = new Map<string, string>();
  // A one-word variant that is its own stem ("limit") also stands for its inflections ("limits",
  // "limiting"); one that is not ("shares") does not, or "share" would follow it. Which variants
  // are their own stems is found when a question's word stems to one: stemming every variant
  // up front cost start-up a tenth of the build.
  const singleAlias = new Map<string, string>();
  // Bounded by the variants: only they are looked up.
  const ownStem = new Map<string, boolean>();
  function stemAlias(stem: string): string | undefined {
    const canonical = singleAlias.get(stem);
    if (canonical === undefined) return undefined;
    let own = ownStem.get(stem);
    if (own === undefined) {
      own = stemmer(stem) === stem;
      ownStem.set(stem, own);
    }
    return own ? canonical : undefined;
  }
  function addWordsAlias(words: string[], canonical: string) {
    alias.set(words.join(' '), canonical);
    if (words.length > 1) {
      const first = words[0] as string;
      phraseStarts.set(first, Math.max(phraseStarts.get(first) ?? 0, words.length));
      for (const w of words) phraseWords.add(w);
    } else if (words[0]) singleAlias.set(words[0], canonical);
  }
  function addAlias(variant: string, canonical: string) {
    addWordsAlias(splitWords(variant), canonical);
  }
  for (const [canonical, variants] of Object.entries(kb.aliases))
    for (const v of variants) addAlias(v, canonical);
  // Filler folds to no word: "still in effect" must not read as "effect".
  for (const phrase of kb.filler) addAlias(phrase, '');
  for (const entity of kb.entities) {
    const token = entity.id.replaceAll('-', '');
    entityOfWord.set(token, entity.id);
    for (const name of entity.names) addAlias(name, token);
  }
  // "Satya's crew", "Sam's company", "Bezos-land": a leader's people are the company they lead.
  for (const person of kb.entities)
    if (person.leads)
      for (const name of person.names) {
        const nameWords = splitWords(name);
        for (const group of LEADERS_PEOPLE)
          addWordsAlias([...nameWords, group], person.leads.replaceAll('-', ''));
      }

  // Every word a question uses is remembered: in a bot that runs for months, strangers' words
  // would grow this without end, so past a size it starts again.
  const stems = new Map<string, string | null>();
  function term(word: string): string | null {
    let t = stems.get(word);
    if (t === undefined) {
      t = STOP_WORDS.has(word) ? null : entityOfWord.has(word) ? word : stemmer(word);
      if (stems.size >= MAX_STEMS) stems.clear();
      stems.set(word, t);
    }
    return t;
  }

  function canonicalWords(text: string): string[] {
    return canonicalOfWords(splitWords(text));
  }
  function canonicalOfWords(words: string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < words.length; ) {
      let matched = false;
      // Longest phrase first, so "amazon web services" wins over "amazon".
      const longest = Math.min(MAX_PHRASE, words.length - i, phraseStarts.get(words[i] as string) ?? 1);
      for (let n = longest; n >= 1; n--) {
        const phrase = n === 1 ? (words[i] as string) : words.slice(i, i + n).join(' ');
        const canonical = alias.get(phrase);
        if (canonical !== undefined) {
          if (canonical) out.push(canonical);
          i += n;
          matched = true;
          break;
        }
      }
      if (!matched) {
        const word = words[i++] as string;
        out.push((singleAlias.size && stemAlias(term(word) ?? '')) || word);
      }
    }
    return out;
  }

  return { canonicalWords, canonicalOfWords, term, entityOf: (word) => entityOfWord.get(word), phraseWords };
}

/**
 * Cuts text to at most `max` characters, ending in "…", never splitting a surrogate pair. Every
 * renderer needs this for its platform's limits.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return max === 1 ? '…' : '';
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
