//! Word lists: stop words, titles, roles, organisation words and first names.
//!
//! Each list is written as one space-separated string. All lists, and the cue verb forms of
//! `cues`, are merged once into a single table from a lower-cased word to a [`Lex`]: a bitset
//! of the lists it belongs to plus its cue verb. `text::Doc` classifies every word token with
//! one probe into that table, so the many list checks of the later stages are bit tests.
//! The lists are general English and news vocabulary, not taken from any corpus.

use std::sync::LazyLock;

use super::cues::{self, Verb};
use super::names::Gender;
use super::vocab::{Probe, WordTable};

/// The word lists a lower-cased word belongs to, and the cue verb form it is (if any).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Lex {
    bits: u32,
    /// 1 + index into `VERB_FORMS`, or 0.
    verb: u16,
}

// Raw list membership (as stored in the table).
const CAP_STOP_LIST: u32 = 1 << 0;
const MALE_TITLE: u32 = 1 << 1;
const FEMALE_TITLE: u32 = 1 << 2;
const OTHER_TITLE: u32 = 1 << 3;
const TITLE_FILLER: u32 = 1 << 4;
const DEPARTMENT: u32 = 1 << 5;
const ORG: u32 = 1 << 6;
const AFFILIATION: u32 = 1 << 7;
const ROLE_HEAD: u32 = 1 << 8;
const GENERIC_HEAD: u32 = 1 << 9;
const RUN_PARTICLE: u32 = 1 << 10;
const AUX_LIST: u32 = 1 << 11;
const LY_NOT_ADVERB: u32 = 1 << 12;
const FUNCTION: u32 = 1 << 13;
const MALE_FIRST: u32 = 1 << 14;
const FEMALE_FIRST: u32 = 1 << 15;
const SURNAME_STOP: u32 = 1 << 16;
const MODIFIER_ADJ: u32 = 1 << 17;
/// The word with its trailing s's trimmed is a role head ("analysts", "analyst"); the table
/// holds it for a role head and its plural in one s, `classify` works out longer runs of s.
const ROLE_STEM: u32 = 1 << 18;
/// "according" (of "according to"), the one cue that is not a verb form.
const ACCORDING: u32 = 1 << 21;
const DEMONYM: u32 = 1 << 22;
// Derived by `classify` from the lists and the spelling.
/// `is_cap_stop`: the list, contractions of "I", and past and -ing cue forms.
const CAP_STOP: u32 = 1 << 19;
/// `is_aux_or_adverb`: the list, and adverbs in -ly.
const AUX_OR_ADVERB: u32 = 1 << 20;
const TITLE: u32 = MALE_TITLE | FEMALE_TITLE | OTHER_TITLE;

/// Cue verb forms, indexed by `Lex::verb - 1`.
static VERB_FORMS: LazyLock<Vec<Verb>> =
    LazyLock::new(|| cues::verb_forms().map(|(_, v)| v).collect());

/// Every listed word with the lists it is on, built once: `text` holds the words, `table`
/// indexes them.
struct Lexicon {
    text: String,
    table: WordTable<Lex>,
    /// One bit per 16-bit slice of a hash, set for the hashes of the listed words: most words
    /// of a text are on no list, and this small set (8 KB, it stays in the cache) tells so
    /// for almost all of them without a look into the table.
    filter: Vec<u64>,
}

/// Bits of the hash that index `Lexicon::filter` (the top ones: the table uses the bottom).
const FILTER_BITS: u32 = 16;

/// The word of `filter` and the bit in it for `hash`.
fn filter_bit(hash: u64) -> (usize, u64) {
    let k = (hash >> (64 - FILTER_BITS)) as usize;
    (k / 64, 1 << (k % 64))
}

impl Lexicon {
    fn build() -> Self {
        let mut lexicon = Lexicon {
            text: String::new(),
            table: WordTable::with_capacity(4096),
            filter: vec![0; (1 << FILTER_BITS) / 64],
        };
        let lists: [(List, u32); 19] = [
            (CAP_STOPS, CAP_STOP_LIST),
            (MALE_TITLES, MALE_TITLE),
            (FEMALE_TITLES, FEMALE_TITLE),
            (OTHER_TITLES, OTHER_TITLE),
            (TITLE_FILLERS, TITLE_FILLER),
            (DEPARTMENT_WORDS, DEPARTMENT),
            (ORG_WORDS, ORG),
            (AFFILIATIONS, AFFILIATION),
            (ROLE_HEADS, ROLE_HEAD),
            (GENERIC_HEADS, GENERIC_HEAD),
            (RUN_PARTICLES, RUN_PARTICLE),
            (AUX_OR_ADVERBS, AUX_LIST),
            (LY_NOT_ADVERBS, LY_NOT_ADVERB),
            (FUNCTION_WORDS, FUNCTION),
            (MALE_FIRST_NAMES, MALE_FIRST),
            (FEMALE_FIRST_NAMES, FEMALE_FIRST),
            (SURNAME_LIKE_STOPS, SURNAME_STOP),
            (MODIFIER_ADJECTIVES, MODIFIER_ADJ),
            (DEMONYMS, DEMONYM),
        ];
        for (list, bit) in lists {
            for w in list.split_whitespace() {
                lexicon.entry(w).bits |= bit;
            }
        }
        // a role head not ending in s is its own stem, and the stem of its plural in one s
        for head in ROLE_HEADS.split_whitespace().filter(|h| !h.ends_with('s')) {
            lexicon.entry(head).bits |= ROLE_STEM;
            lexicon.entry(&format!("{head}s")).bits |= ROLE_STEM;
        }
        for (k, (w, _)) in cues::verb_forms().enumerate() {
            lexicon.entry(w).verb = k as u16 + 1;
        }
        lexicon.entry("according").bits |= ACCORDING;
        // the rules beyond the lists, worked out once per listed word
        let mut words: Vec<String> = lexicon.text.split_whitespace().map(String::from).collect();
        words.sort_unstable();
        words.dedup();
        let derived: Vec<(&String, Lex)> = words
            .iter()
            .map(|w| {
                let listed = lexicon.table.get(&lexicon.text, w).copied();
                (w, lexicon.derive(w, listed.unwrap_or_default()))
            })
            .collect();
        for (w, lex) in derived {
            *lexicon.entry(w) = lex;
        }
        for hash in lexicon.table.hashes() {
            let (k, bit) = filter_bit(hash);
            lexicon.filter[k] |= bit;
        }
        lexicon
    }

    /// The table may hold the word of `probe`; false means it surely does not.
    fn may_hold(&self, probe: &Probe) -> bool {
        let (k, bit) = filter_bit(probe.hash());
        self.filter.get(k).is_some_and(|w| w & bit != 0)
    }

    /// The entry of `w`, added empty when new. The word is appended to the text each time;
    /// a word already listed keeps its first span.
    fn entry(&mut self, w: &str) -> &mut Lex {
        let start = self.text.len();
        self.text.push_str(w);
        self.text.push(' ');
        self.table
            .intern_mut(&self.text, start..start + w.len(), |_| Lex::default())
    }

    /// `lex` (the lists `w` is on) with the rules that go beyond the lists applied.
    fn derive(&self, w: &str, mut lex: Lex) -> Lex {
        // "co-author", "vice-chancellor", "ex-minister": the title or role after the prefix;
        // "mayor-elect", "secretary-general": the one before the suffix
        if w.as_bytes().contains(&b'-') {
            let role = if let Some((prefix, role)) = w.split_once('-')
                && matches!(
                    prefix,
                    "co" | "vice" | "ex" | "deputy" | "acting" | "former"
                ) {
                Some(role)
            } else if let Some((role, suffix)) = w.rsplit_once('-')
                && matches!(suffix, "elect" | "designate" | "general")
            {
                Some(role)
            } else {
                None
            };
            if let Some(stem) = role.and_then(|r| self.table.get(&self.text, r))
                && (stem.has(ROLE_HEAD) || stem.has(TITLE))
            {
                lex.bits |= stem.bits;
            }
        }
        if lex.has(AUX_LIST) || (w.len() > 4 && w.ends_with("ly") && !lex.has(LY_NOT_ADVERB)) {
            lex.bits |= AUX_OR_ADVERB;
        }
        let verb_stop = lex
            .verb()
            .is_some_and(|v| matches!(v.form, cues::Form::Past | cues::Form::Ing));
        if lex.has(CAP_STOP_LIST) || w.starts_with("i’") || w.starts_with("i'") || verb_stop {
            lex.bits |= CAP_STOP;
        }
        if w.ends_with("ss") {
            // the lists give stems only one s away
            let stem = self.table.get(&self.text, w.trim_end_matches('s'));
            if stem.is_some_and(|s| s.has(ROLE_HEAD)) {
                lex.bits |= ROLE_STEM;
            }
        }
        lex
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

/// The lists `w` (lower-cased) is on, with the rules that go beyond the lists applied.
pub(crate) fn classify(w: &str) -> Lex {
    classify_probed(w, &Probe::new(w.as_bytes()))
}

/// `classify` with the word's probe already worked out.
pub(crate) fn classify_probed(w: &str, probe: &Probe) -> Lex {
    let lexicon = &*LEXICON;
    if !lexicon.may_hold(probe) {
        return lexicon.derive(w, Lex::default());
    }
    let found = lexicon.table.find_probed(&lexicon.text, w, probe);
    match found.and_then(|id| lexicon.table.value(id)) {
        Some(&lex) => lex,
        None => lexicon.derive(w, Lex::default()),
    }
}

// The checks are marked `#[inline]`: each is one bit test, called from every stage.
impl Lex {
    #[inline]
    fn has(self, bit: u32) -> bool {
        self.bits & bit != 0
    }

    /// Capitalised words that are not names when they open a sentence or phrase ("But",
    /// "Monday", "Said"), and contractions of "I".
    #[inline]
    pub fn is_cap_stop(self) -> bool {
        self.has(CAP_STOP)
    }

    /// Title words written before a name, with the gender they imply.
    #[inline]
    pub fn title_gender(self) -> Option<Gender> {
        if self.has(MALE_TITLE) {
            Some(Gender::Male)
        } else if self.has(FEMALE_TITLE) {
            Some(Gender::Female)
        } else if self.has(OTHER_TITLE) {
            Some(Gender::Unknown)
        } else {
            None
        }
    }

    /// A title word that marks a person ("Sen.", "President").
    #[inline]
    pub fn is_title(self) -> bool {
        self.has(TITLE)
    }

    #[inline]
    pub fn is_title_filler(self) -> bool {
        self.has(TITLE_FILLER)
    }

    #[inline]
    pub fn is_department_word(self) -> bool {
        self.has(DEPARTMENT)
    }

    #[inline]
    pub fn is_org_word(self) -> bool {
        self.has(ORG)
    }

    #[inline]
    pub fn is_affiliation(self) -> bool {
        self.has(AFFILIATION)
    }

    #[inline]
    pub fn is_role_head(self) -> bool {
        self.has(ROLE_HEAD)
    }

    /// The word without its trailing s's is a role head: "analysts", "spokesman".
    #[inline]
    pub fn is_role_stem(self) -> bool {
        self.has(ROLE_STEM)
    }

    #[inline]
    pub fn is_generic_head(self) -> bool {
        self.has(GENERIC_HEAD)
    }

    #[inline]
    pub fn is_run_particle(self) -> bool {
        self.has(RUN_PARTICLE)
    }

    /// Auxiliaries and adverbs allowed between a speaker and the cue: "has since said", "later told".
    #[inline]
    pub fn is_aux_or_adverb(self) -> bool {
        self.has(AUX_OR_ADVERB)
    }

    #[inline]
    pub fn is_function_word(self) -> bool {
        self.has(FUNCTION)
    }

    /// The usual gender of a common first name.
    #[inline]
    pub fn first_name_gender(self) -> Gender {
        if self.has(MALE_FIRST) {
            Gender::Male
        } else if self.has(FEMALE_FIRST) {
            Gender::Female
        } else {
            Gender::Unknown
        }
    }

    #[inline]
    pub fn is_surname_like_stop(self) -> bool {
        self.has(SURNAME_STOP)
    }

    /// The word as a surname ("May" of "Theresa May", "King" of "Stephen King"): no longer a
    /// stop, a modal, a function word, a title or a role.
    pub fn as_surname(self) -> Lex {
        let not = CAP_STOP | CAP_STOP_LIST | AUX_OR_ADVERB | AUX_LIST | FUNCTION | TITLE;
        Lex {
            bits: self.bits & !(not | ROLE_HEAD | ROLE_STEM | GENERIC_HEAD),
            ..self
        }
    }

    #[inline]
    pub fn is_modifier_adjective(self) -> bool {
        self.has(MODIFIER_ADJ)
    }

    /// A people's adjective: "Japanese", "British".
    #[inline]
    pub fn is_demonym(self) -> bool {
        self.has(DEMONYM)
    }

    /// The word can start a cue: a cue verb form, or "according".
    #[inline]
    pub fn may_cue(self) -> bool {
        self.verb != 0 || self.has(ACCORDING)
    }

    /// The cue verb form of the word.
    #[inline]
    pub fn verb(self) -> Option<Verb> {
        let k = usize::from(self.verb).checked_sub(1)?;
        VERB_FORMS.get(k).copied()
    }
}

/// A word list: one space-separated string.
type List = &'static str;

// String forms of the checks, for words that are not tokens of the body (normalised names,
// metadata names).

pub(crate) fn is_cap_stop(w: &str) -> bool {
    classify(w).is_cap_stop()
}

pub(crate) fn is_org_word(w: &str) -> bool {
    classify(w).is_org_word()
}

pub(crate) fn is_role_head(w: &str) -> bool {
    classify(w).is_role_head()
}

pub(crate) fn first_name_gender(w: &str) -> Gender {
    classify(w).first_name_gender()
}

/// Capitalised words that are not names when they open a sentence or phrase.
static CAP_STOPS: List = "a about according across advisers after again against aides all along \
    also although always amid among an analysts and another april are around as asked at aug \
    august back be because before behind beside besides between beyond both but by can can't \
    can’t click could critics dec december depositions despite did do does don't don’t dozens \
    during each earlier eight either eleven even ever every experts facebook feb february \
    fifteen five for four fourteen friday from furthermore given god had has have having he \
    hence her here here's here’s his hours how however hundreds i if image in including indeed \
    inside instagram instead into is it it's its it’s jan january july june just last later let \
    let's let’s like listen many march may maybe meanwhile members mentioning millions minutes \
    moments monday more moreover most mr mrs ms must my near neither never nevertheless next \
    nine no none nonetheless nor not nov november now observers oct october of officials often \
    oh on once one only or other others our outside over people per perhaps photo please polls \
    protesters read related reports residents said saturday says see sept september seven \
    several share she should since six so some sometimes source sources speaking still subscribe \
    such sunday supporters ten than thank thanks that that's that’s the their then there there's \
    there’s these they thirteen thirty this those though thousands three through throughout \
    thursday thus to today told tomorrow tonight toward towards tuesday twelve twenty twitter \
    two under unlike until upon via video voters wait was we wednesday well were what \
    what's whatever what’s when where whether which while who whoever why will with within \
    without won't won’t would yes yesterday yet you your youtube";

/// Titles written before a man's name.
static MALE_TITLES: List = "assemblyman brother chairman congressman councilman emir father fr king lord mr pope prince \
    sheikh sir sultan";

/// Titles written before a woman's name.
static FEMALE_TITLES: List = "assemblywoman chairwoman congresswoman councilwoman dame lady madam miss mrs ms princess \
    queen sister";

/// Titles written before a name that do not tell the gender.
static OTHER_TITLES: List = "adm admiral adviser advisor airman ambassador attorney atty auditor bishop candidate capt captain cardinal ceo \
    cfo chair chairperson chancellor chief cmdr col colonel commissioner comptroller coo \
    corporal councillor councilor dean delegate detective director dr gen general gov governor imam \
    judge justice leader lieutenant lt maj major mayor mep minister mla mp msp nominee officer pastor \
    premier pres president president-elect prime prof professor rabbi rep representative rev \
    reverend sec secretary sen senator sergeant sgt sheriff solicitor speaker superintendent \
    supt tanaiste taoiseach td treasurer tánaiste under-secretary undersecretary vice vice-president";

/// Words that can stand inside a title before a name but are not titles themselves.
static TITLE_FILLERS: List = "acting assistant associate campaign conservative court democrat democratic deputy \
    district ex executive federal first former gop house independent interim labor labour \
    lady late libertarian majority minority national presidential press republican senate \
    senior state supreme the then tory u.s. us whip white";

/// Departments named after "Secretary of" / "Minister of".
static DEPARTMENT_WORDS: List = "affairs agriculture and army care commerce culture defence defense development economic economy \
    education energy environment exchequer finance fisheries foreign health homeland house housing \
    human industry information intelligence interior justice labor navy planning security \
    services staff state the tourism trade transportation treasury urban veterans war welfare";

/// Last words of organisation names.
static ORG_WORDS: List = "abc administration afp agency agency’s airlines airport airways alliance \
    ap army associates association authority avenue bancorp bank board breitbart brothers bureau \
    campaign caucus cbs center centre channel chemical chemicals church cia city club cnn co \
    coalition college commission committee company congress corp corporation council council’s \
    county court daily department department’s dnc exchange facebook fbi federation forces \
    foundation fox fund gop government group herald holdings hospital house inc index industries \
    initiative institute journal kingdom kremlin llc ltd magazine market media ministry monitor \
    motor motors movement msnbc nations navy nbc network news nra office organisation organization \
    pac partners party pentagon petroleum plc police politico poll post post-dispatch press project \
    radio railroad report reporters republic reserve reuters review rnc school securities senate \
    service society state states station street survey television times treasury tribune trust tv \
    twitter union university watch weekly";

/// Party and nationality adjectives that can precede a name ("Republican Marco Rubio").
static AFFILIATIONS: List = "american conservative democrat democratic ex former gop green independent liberal \
    libertarian progressive republican then u.s.";

/// Lower-case nouns that name a person by role.
static ROLE_HEADS: List = "activist actor actress administrator adviser advisor agent aide ally ambassador analyst \
    archbishop cardinal constable defender detective firefighter goalkeeper headmaster \
    headmistress headteacher inspector midfielder negotiator novelist paramedic \
    playwright poet striker survivor vicar witness \
    anchor architect artist assemblyman assemblywoman athlete attorney author banker \
    billionaire bishop blogger brother businessman businessperson businesswoman candidate \
    captain ceo chair chairman chairperson chairwoman challenger chancellor chaplain chief \
    co-founder coach colonel columnist comedian commander commentator commissioner \
    congressman congresswoman consultant contender coordinator correspondent councilman \
    councilwoman counsel critic daughter dean delegate deputy developer diplomat director \
    doctor donor economist editor emir engineer entrepreneur envoy evangelist executive \
    expert farmer father fellow founder friend front-runner frontrunner general governor head \
    historian hopeful host husband incumbent insider investigator investor journalist judge \
    justice king lawmaker lawyer leader lecturer legislator lieutenant lobbyist magnate man \
    manager marine mayor mechanic member minister moderator mogul monarch mother musician \
    nominee nurse officer official operative opponent organizer owner pastor physician pilot \
    planner plumber politician pollster preacher premier president president-elect priest \
    prince principal producer professor prosecutor psychologist publisher pundit queen rabbi \
    reporter representative researcher rival scholar scientist secretary senator sergeant \
    sheriff showman singer sister sociologist soldier son speaker spokesman spokesmen \
    spokesperson spokeswoman staffer star strategist strategists student sultan \
    superintendent supporter surgeon surrogate teacher trader treasurer tycoon veteran \
    vice-president volunteer whip wife woman writer";

/// Lower-case nouns for groups, documents and bodies: a speaker without a name.
static GENERIC_HEADS: List = "activists ad administration ads advisers advisors advocates agency agents aides all \
    citizens diplomats doctors employees engineers everybody executives farmers investors \
    lawyers legislators locals management ministers negotiators neighbors neighbours nurses \
    parents scientists senators shareholders students teachers traders witnesses workers \
    allies analysts anyone article authorities book both camp campaign candidates \
    bankers brokers commentators comments committee conservatives court critics data dealers \
    democrat democrats \
    department document documents donors economists editorial email emails everyone experts \
    fans few friends government group interview investigators journalists judges justices \
    lawmakers leaders letter letters liberals magazine many media members memo ministry most \
    network newspaper nobody observers office officers officials op-ed operatives opponents \
    organization organizers others outlet paper party people police poll polling polls post \
    posts progressives prosecutors protesters pundits remarks report reporters reports \
    republican republicans research researchers residents rivals site skeptics some somebody \
    someone sources speech spokesmen staff staffers statement statements strategists studies \
    study supporters survey team tweet tweets video voters website website’s";

/// Adjectives of peoples and countries: "Japanese officials" are a government's, not a
/// campaign's.
static DEMONYMS: List = "afghan african albanian algerian american angolan arab argentine argentinian armenian \
    asian australian austrian azerbaijani bahraini bangladeshi belarusian belgian bolivian \
    bosnian brazilian british bulgarian burmese cambodian cameroonian canadian chilean \
    chinese colombian congolese croatian cuban cypriot czech danish dutch ecuadorean \
    ecuadorian egyptian emirati english eritrean estonian ethiopian european filipino \
    finnish french georgian german ghanaian greek guatemalan haitian honduran hungarian \
    icelandic indian indonesian iranian iraqi irish israeli italian ivorian jamaican \
    japanese jordanian kazakh kenyan korean kosovar kurdish kuwaiti kyrgyz latvian \
    lebanese liberian libyan lithuanian malaysian malian mexican moldovan mongolian \
    moroccan nepali nicaraguan nigerian norwegian omani pakistani palestinian panamanian \
    paraguayan peruvian polish portuguese qatari romanian russian rwandan saudi scottish \
    senegalese serb serbian singaporean slovak slovenian somali south-african soviet \
    spanish sri sudanese swedish swiss syrian taiwanese tajik tanzanian thai tibetan \
    tunisian turkish turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese \
    welsh western yemeni yugoslav zambian zimbabwean";

/// Small connecting words allowed inside a capitalised name run ("Secretary of State", "Jean de la Fontaine").
static RUN_PARTICLES: List = "al bin da das de del den der di dos du el ibn la le of ter van von";

/// Auxiliaries and adverbs allowed between a speaker and the cue: "has since said", "later told".
static AUX_OR_ADVERBS: List = "again already also always angrily bluntly can clearly confidently could did \
    directly do does earlier emphatically even famously finally first flatly frequently \
    further had has have herself himself immediately initially is just last later \
    may might must never not now often once openly personally pointedly previously privately \
    proudly publicly quickly recently repeatedly reportedly separately should similarly \
    simply since sometimes specifically still subsequently themselves then today tonight too \
    ultimately was will would yesterday";

/// Words in -ly that are not adverbs.
static LY_NOT_ADVERBS: List = "ally billy bully daily early family holly italy july kelly ly o'reilly only o’reilly \
    rally reilly sally wally";

/// Words that end a noun phrase scan.
static FUNCTION_WORDS: List = "about after against all also although among and are as at be because been before being \
    between but by can could did do does down during even from had has have her him how if in \
    into is it its just like may me might more most must no not now off on only or out over \
    said says should since so some still than that them then there these this those though \
    through to under until up us very was were what when where whether which while who whom \
    whose why will with would yes";

/// Common first names of men (a small list; unknown names stay Unknown).
static MALE_FIRST_NAMES: List = "aaron abdel abdullah abraham adam adrian ahmad ahmed aidan al alan alastair alberto alejandro \
    alessandro alex alexander alexandre alexei alexey alfonso ali alistair alvaro amadou amit \
    anatoly anders anderson andrei andres andrew andriy andrzej andy angelo anil anthony antonio \
    anwar archie ari arjun arseniy arvind ashok barack barry bashar ben benjamin bernard bernie \
    bilal bill billy bjorn bob bobby bojan boris brad bradley brent bret brett brian brit bruce \
    bryan callum calvin carl carlos cedric cem cesar chad charles charlie chris christian \
    christopher chuck clarence clint colin connor conor corey cornell cory craig curt cyril dale dan \
    daniel dante darnell darren david declan dennis derek deshawn dick didier diego dieter dimitris \
    dinesh dmitry dominic don donald doug douglas dragan duncan dustin dwayne dwight eamon earl ed \
    eddie edward einar elijah elliot elliott emmanuel emmerson enda enrico enrique eric erik ernest \
    ernesto ethan evan evo fabio fahd faisal federico felipe felix ferenc fergus fernando fidel \
    floyd francesco francis francisco francois frank franklin fred freddy fredrik gabor gamal gareth \
    gary gavin gene gennady geoff george gerald gerhard gilles giorgio giorgos giovanni giuseppe \
    glenn gonzalo goran gordon gov graham greg gregory gustavo hakon hamid hamish hamza hank hans \
    harold harry hassan hector helmut henrik henry herb herbert herve hideki hiroshi horst howard \
    hugh hugo ian ibrahim ibrahima ignacio igor ilham imran istvan ivan jack jacob jacques jaime \
    jair jake jamal james janos jared jaroslaw jason javad javier jay jean-claude jeb jeff jeffery \
    jeffrey jens jeremiah jeremy jerome jerry jesper jesse jim jimmie jimmy joachim joaquin joe joel \
    john johnnie jon jonas jonathan joost jorge jose joseph josh joshua juan julian junichiro jurgen \
    justin keith kemal ken kenji kenneth kenny kevin khalid khalil khizr kieran kim kirill kirk \
    kjell klaus knut konstantin kostas krzysztof kurt kwame kyle kyriakos lamar lance larry lars \
    laszlo laurence laurent lawrence lech leif leonard leonid leroy lester lewis liam lindsey lloyd \
    logan lorenzo lou louis luigi luis luiz luke lyndon magnus mahmoud malik mamadou manuel marc \
    marcel marco marcus mariano mario mark markus marshall martin marvin mason massimo mateusz mats \
    matt matteo matthew matthias mauricio max maxim mehmet mevlut michael mick miguel mihai mike \
    mikhail milos miroslav mitch mitchell mitt mohamed mohammad mohammed monte morten morton moussa \
    muhammad muhammadu mustafa nabil naoto narendra nathan nawaz neil newt newton nicholas nick \
    nicolae nicolas nigel nikolai nikos nils nitin noah norbert norman olaf oleg oliver olivier \
    olusegun omar orrin ousmane owen pablo paolo patrice patrick paul pavel pedro pervez peter petro \
    phil philip philipp philippe phillip pierre pieter piotr pranab rafael rahm rahul rainer raj \
    rajiv ralph ramesh ramon ramzan rand randy raul ray raymond recep reggie reid reince reuben reza \
    rhys ricardo richard rick rishi rob robby robert roberto rodrigo roger ron ronald ronnie rory \
    roy ruben rudolph rudy rupert rush ruslan russell ryan saad sachin sadiq salman sam samir samuel \
    sanjay scott seamus sean sebastian sebastien sergei sergey sergio shahid shane shawn \
    sheldon shinzo sid sigmar silvio simon slobodan spencer stan stanley stefan stefano \
    stephen steve steven stuart sunil suresh sven tad takeshi tamas taras tariq ted terrence terry \
    thabo thierry thomas thorsten tim timothy tobias toby todd tom tomasz tommy tony torbjorn traian \
    travis trey tristan tucker tyler tyrone uhuru ulrich uwe vaclav vernon victor vijay vikram \
    viktor vince vincent vitali vitaly vittorio vladimir vladislav volker volodymyr walid walter \
    wang warren wayne wesley will willem william willie witold wolf wolfgang woodrow wyatt xi yanis \
    yevgeny yoshihide yousef youssef yukio yuri yusuf yves zach zachary zbigniew zeke zoran";

/// Common first names of women.
static FEMALE_FIRST_NAMES: List = "abigail adriana agnes agnieszka aisha alessandra alexandra alexis alice alicia alison allison \
    amal amanda amber amina aminata amy ana anastasia andrea angela angie anjali ann anna annalena \
    anne annegret annie annika aoife april arianna ashley astrid audrey aurelie ava ayanna barbara \
    beata beatrice beatriz becky benazir beth betsy betty beverly birgit birgitta bonnie bree brenda \
    bridget brigitte brittany brooke camila camille carla carly carmen carol caroline carolyn \
    catherine cathy cecile cecilia celine charlene charlotte chelsea cheryl chiara chloe christiane \
    christina christine christy cindy claire claudia colleen condi condoleezza connie cynthia dana \
    daniela danielle darlene dawn debbie deborah debra deja denise diana diane dianne dilma dolores \
    donna doris dorota dorothy ebony edith eileen ekaterina elaine elena elisa elisabeth elise \
    elizabeth ella ellen emily emma erica erin erna esther eva evelyn ewa farah fatima fatou \
    federica felicia femke fernanda fiona florence frances francesca frauke gabby gabriela gabrielle \
    gail georgia gillian gina giorgia giulia gloria golda graca grace greta gretchen gwen hadas \
    hanan hannah hanne harriet hasina heather heidi heike helen helene helle hilary hillary hope \
    huda huma ileana ilhan imelda indira ines inger ingrid irene irina irma isabel isabella isabelle \
    ivana ivanka jacinda jacqueline jane janet janice janine jasmine jean jeanette jeanine \
    jeanne jeannie jen jenna jennifer jenny jessica jessie jill jillian jo joan joanna joanne jolene \
    joyce juanita judith judy julia julie june kamala karen karin karine katarina katarzyna kate \
    katharina katherine kathleen kathryn kathy katie katrina katy kay kayla keiko keisha kelly \
    kellyanne kemi kerstin khaleda kimberly kirsten kirstjen kristen kristi kristin kristina kyrsten \
    lael lara latoya laura lauren layla leah leila lena leslie lillian lily linda lindsay lisa liz \
    lois loretta lorraine lotte lucia lucy luisa lynn lyudmila madeleine madison magdalena maggie \
    mairead malala malgorzata mamata mandy marcia margaret margot margrethe maria mariam mariana \
    marie marilyn marina marine marisol marit marla marsha marta martha martine mary maryam maureen \
    maxine mayawati mazie meg megan megawati meghan megyn mei melania melanne melinda melissa mette \
    mia michele michelle mika mildred miriam molly monica monika myra nadia nadine nancy naomi \
    natalia natalie natalya nathalie neera ngozi niamh nicole nikki nina nirmala nora norma noura \
    oksana olga olivia omarosa oprah pamela paola patricia patti patty paula pauline peggy penny \
    petra phyllis pilar pramila priscilla priti priya priyanka rachel rania raquel rashida rebecca \
    regina renate renee rita roberta robyn roisin rosa rose ruth sabine sahra sally salma \
    samantha samira sanae sandra sanna sara sarah segolene shanice shannon sharon sheryl shirin \
    shirley sigrid silvia simone siobhan smriti sofia solveig sonia sophia sophie stacey stacy \
    stephanie sue suella sunita susan susana sushma suzanne svetlana sylvie tamar tamika tammy tanya \
    tara tarja tatiana tatyana teresa tereza theresa tiffany tina tove tracy tulsi tzipi ursula \
    valentina valeria valerie vanessa veronica victoria viktoria virginia wanda wangari wendy \
    whitney winnie ximena yael yasmin yekaterina yingluck yoko yolanda yuko yulia yuriko yvette \
    yvonne zainab zeynep zoe zoey zuzana";

/// Everyday words that are also surnames when they follow a first name ("George Will", "Theresa May").
static SURNAME_LIKE_STOPS: List = "best black brown cook good green hope king little long love may north price rice rush \
    said small story west white will wise young";

/// Adjectives common in role phrases that end like verb forms ("retired", "longtime", "acting").
static MODIFIER_ADJECTIVES: List = "acclaimed acting aforementioned appointed celebrated disgraced elected embattled exiled \
    incoming indicted jailed leading longtime noted outgoing ranking renowned respected \
    retired self-described sitting so-called trusted unnamed veteran";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_carry_gender() {
        assert_eq!(classify("mrs").title_gender(), Some(Gender::Female));
        assert_eq!(classify("sen").title_gender(), Some(Gender::Unknown));
        assert_eq!(classify("table").title_gender(), None);
    }

    #[test]
    fn the_filter_passes_every_listed_word() {
        let lexicon = &*LEXICON;
        for w in lexicon.text.split_whitespace() {
            assert!(lexicon.may_hold(&Probe::new(w.as_bytes())), "{w}");
        }
    }

    #[test]
    fn a_co_role_is_the_role() {
        assert!(classify("co-author").is_role_head());
        assert!(!classify("co-op").is_role_head());
        for title in [
            "vice-chancellor",
            "mayor-elect",
            "ex-minister",
            "secretary-general",
        ] {
            assert!(classify(title).is_title(), "{title}");
        }
        assert!(!classify("ex-wife").is_title());
    }

    #[test]
    fn adverbs_in_ly_are_recognised_but_not_daily() {
        assert!(classify("repeatedly").is_aux_or_adverb());
        assert!(!classify("daily").is_aux_or_adverb());
    }
}
