//! Word lists: stop words, titles, roles, organisation words and first names.
//!
//! Each list is written as one space-separated string and turned into a hash set on first use.
//! The lists are general English and news vocabulary, not taken from any corpus.

use std::sync::LazyLock;

use super::cues;
use super::names::Gender;
use super::text::WordSet;

/// A word list: the words of a space-separated string, as a set built on first use.
type List = LazyLock<WordSet<&'static str>>;

macro_rules! list {
    ($words:expr) => {
        LazyLock::new(|| $words.split_whitespace().collect())
    };
}

fn has(list: &List, w: &str) -> bool {
    list.contains(w)
}

/// Capitalised words that are not names when they open a sentence or phrase ("But", "Monday",
/// "Said"), and contractions of "I".
pub(crate) fn is_cap_stop(w: &str) -> bool {
    has(&CAP_STOPS, w)
        || w.starts_with("i’")
        || w.starts_with("i'")
        || cues::verb(w).is_some_and(|v| matches!(v.form, cues::Form::Past | cues::Form::Ing))
}

/// Title words written before a name, with the gender they imply.
pub(crate) fn title_gender(w: &str) -> Option<Gender> {
    if has(&MALE_TITLES, w) {
        Some(Gender::Male)
    } else if has(&FEMALE_TITLES, w) {
        Some(Gender::Female)
    } else if has(&OTHER_TITLES, w) {
        Some(Gender::Unknown)
    } else {
        None
    }
}

/// A title word that marks a person ("Sen.", "President").
pub(crate) fn is_title(w: &str) -> bool {
    title_gender(w).is_some()
}

pub(crate) fn is_title_filler(w: &str) -> bool {
    has(&TITLE_FILLERS, w)
}

pub(crate) fn is_department_word(w: &str) -> bool {
    has(&DEPARTMENT_WORDS, w)
}

pub(crate) fn is_org_word(w: &str) -> bool {
    has(&ORG_WORDS, w)
}

pub(crate) fn is_affiliation(w: &str) -> bool {
    has(&AFFILIATIONS, w)
}

pub(crate) fn is_role_head(w: &str) -> bool {
    has(&ROLE_HEADS, w)
}

pub(crate) fn is_generic_head(w: &str) -> bool {
    has(&GENERIC_HEADS, w)
}

pub(crate) fn is_run_particle(w: &str) -> bool {
    has(&RUN_PARTICLES, w)
}

/// Auxiliaries and adverbs allowed between a speaker and the cue: "has since said", "later told".
pub(crate) fn is_aux_or_adverb(w: &str) -> bool {
    has(&AUX_OR_ADVERBS, w) || (w.len() > 4 && w.ends_with("ly") && !has(&LY_NOT_ADVERBS, w))
}

pub(crate) fn is_function_word(w: &str) -> bool {
    has(&FUNCTION_WORDS, w)
}

/// The usual gender of a common first name.
pub(crate) fn first_name_gender(w: &str) -> Gender {
    if has(&MALE_FIRST_NAMES, w) {
        Gender::Male
    } else if has(&FEMALE_FIRST_NAMES, w) {
        Gender::Female
    } else {
        Gender::Unknown
    }
}

pub(crate) fn is_surname_like_stop(w: &str) -> bool {
    has(&SURNAME_LIKE_STOPS, w)
}

pub(crate) fn is_modifier_adjective(w: &str) -> bool {
    has(&MODIFIER_ADJECTIVES, w)
}

/// Capitalised words that are not names when they open a sentence or phrase.
static CAP_STOPS: List = list!(
    "a about according across advisers after again against aides all along also although \
    always amid among an analysts and another april are around as asked at aug august be \
    because before behind beside besides between beyond both but by can can't can’t click \
    could critics dec december depositions despite did do does don't don’t dozens during each \
    earlier eight either eleven even ever every experts facebook feb february fifteen five \
    for four fourteen friday from furthermore given god had has have he hence her here here's \
    here’s his how however hundreds i if image in including indeed inside instagram instead \
    into is it it's its it’s jan january july june just last later let let's let’s like many \
    march may maybe meanwhile members mentioning millions monday moreover most mr mrs ms must \
    my near neither never nevertheless next nine no none nonetheless nor not nov november now \
    observers oct october of officials often oh on once one only or other others our outside \
    over people per perhaps photo please polls protesters related reports residents said \
    saturday says sept september seven several she should since six so some sometimes source \
    sources speaking still such sunday supporters ten than thank thanks that that's that’s \
    the their then there there's there’s these they thirteen thirty this those though \
    thousands three through throughout thursday thus to today told tomorrow tonight toward \
    towards tuesday twelve twenty twitter two under unlike until upon via video voters wait \
    was we wednesday well were what what's whatever what’s when where whether which while who \
    whoever why will with within without won't won’t would yes yesterday yet you your youtube"
);

/// Titles written before a man's name.
static MALE_TITLES: List = list!(
    "assemblyman brother chairman congressman councilman emir father king lord mr pope prince \
    sheikh sir sultan"
);

/// Titles written before a woman's name.
static FEMALE_TITLES: List = list!(
    "assemblywoman chairwoman congresswoman councilwoman dame lady madam miss mrs ms princess \
    queen sister"
);

/// Titles written before a name that do not tell the gender.
static OTHER_TITLES: List = list!(
    "adm admiral ambassador attorney atty auditor bishop candidate capt captain cardinal ceo \
    cfo chair chairperson chancellor chief cmdr col colonel commissioner comptroller coo \
    councillor councilor dean delegate detective director dr gen general gov governor imam \
    judge justice leader lieutenant lt maj major mayor minister nominee officer pastor \
    premier pres president president-elect prime prof professor rabbi rep representative rev \
    reverend sec secretary sen senator sergeant sgt sheriff solicitor speaker superintendent \
    supt treasurer vice vice-president"
);

/// Words that can stand inside a title before a name but are not titles themselves.
static TITLE_FILLERS: List = list!(
    "acting assistant associate campaign conservative court democrat democratic deputy \
    district ex executive federal first former gop house independent interim labor labour \
    lady late libertarian majority minority national presidential press republican senate \
    senior state supreme the then tory u.s. us whip white"
);

/// Departments named after "Secretary of" / "Minister of".
static DEPARTMENT_WORDS: List = list!(
    "affairs agriculture and army commerce culture defence defense development economy \
    education energy finance foreign health homeland housing human information interior \
    justice labor navy security services staff state the transportation treasury urban \
    veterans war"
);

/// Last words of organisation names.
static ORG_WORDS: List = list!(
    "abc administration afp agency agency’s airport alliance ap army association authority \
    avenue bank board breitbart bureau campaign caucus cbs center centre channel church cia \
    city club cnn coalition college commission committee company congress corp council \
    council’s county court daily department department’s dnc exchange facebook fbi federation \
    forces foundation fox fund gop government group herald hospital house inc index \
    initiative institute journal kingdom kremlin magazine market media ministry monitor \
    movement msnbc nations navy nbc network news nra office organisation organization pac \
    party pentagon police politico poll post post-dispatch press project radio report \
    reporters republic reserve reuters review rnc school senate service society state states \
    station street survey television times treasury tribune trust tv twitter union university \
    watch weekly"
);

/// Party and nationality adjectives that can precede a name ("Republican Marco Rubio").
static AFFILIATIONS: List = list!(
    "american conservative democrat democratic ex former gop green independent liberal \
    libertarian progressive republican then u.s."
);

/// Lower-case nouns that name a person by role.
static ROLE_HEADS: List = list!(
    "activist actor actress administrator adviser advisor agent aide ally ambassador analyst \
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
    vice-president volunteer whip wife woman writer"
);

/// Lower-case nouns for groups, documents and bodies: a speaker without a name.
static GENERIC_HEADS: List = list!(
    "activists ad administration ads advisers advisors advocates agency agents aides all \
    allies analysts anyone article authorities book both camp campaign candidates \
    commentators comments committee conservatives court critics data democrat democrats \
    department document documents donors economists editorial email emails everyone experts \
    fans few friends government group interview investigators journalists judges justices \
    lawmakers leaders letter letters liberals magazine many media members memo ministry most \
    network newspaper nobody observers office officers officials op-ed operatives opponents \
    organization organizers others outlet paper party people police poll polling polls post \
    posts progressives prosecutors protesters pundits remarks report reporters reports \
    republican republicans research researchers residents rivals site skeptics some somebody \
    someone sources speech spokesmen staff staffers statement statements strategists studies \
    study supporters survey team tweet tweets video voters website website’s"
);

/// Small connecting words allowed inside a capitalised name run ("Secretary of State", "Jean de la Fontaine").
static RUN_PARTICLES: List = list!("al bin da de del der di dos du el ibn la le of van von");

/// Auxiliaries and adverbs allowed between a speaker and the cue: "has since said", "later told".
static AUX_OR_ADVERBS: List = list!(
    "again already also always angrily bluntly can clearly confidently could did \
    directly do does earlier emphatically even famously finally first flatly frequently \
    further had has have herself himself immediately initially is just last later \
    may might must never not now often once openly personally pointedly previously privately \
    proudly publicly quickly recently repeatedly reportedly separately should similarly \
    simply since sometimes specifically still subsequently themselves then today tonight too \
    ultimately was will would yesterday"
);

/// Words in -ly that are not adverbs.
static LY_NOT_ADVERBS: List = list!(
    "ally billy bully daily early family holly italy july kelly ly o'reilly only o’reilly \
    rally reilly sally wally"
);

/// Words that end a noun phrase scan.
static FUNCTION_WORDS: List = list!(
    "about after against all also although among and are as at be because been before being \
    between but by can could did do does down during even from had has have her him how if in \
    into is it its just like may me might more most must no not now off on only or out over \
    said says should since so some still than that them then there these this those though \
    through to under until up us very was were what when where whether which while who whom \
    whose why will with would yes"
);

/// Common first names of men (a small list; unknown names stay Unknown).
static MALE_FIRST_NAMES: List = list!(
    "aaron abdel abdullah abraham adam adrian ahmad ahmed al alan alejandro alex alexander \
    alexei ali anderson andrei andrew andy angelo anthony antonio ari arjun barack barry \
    bashar ben benjamin bernard bernie bill billy bob bobby boris brad bradley brent bret \
    brett brian brit bruce bryan calvin carl carlos cedric cesar chad charles charlie chris \
    christian christopher chuck clarence clint colin corey cornell cory craig curt dale dan \
    daniel dante darnell david dennis derek deshawn dick diego dinesh dmitry don donald doug \
    douglas duncan dwayne dwight earl ed eddie edward elijah elliot elliott emmanuel enrique \
    eric ernest ethan evan federico felipe fernando floyd francis francisco francois frank \
    franklin fred freddy gary gene geoff george gerald giuseppe glenn gordon gov greg gregory \
    hamid hank hans harold harry hassan hector henry herb herbert hiroshi howard hugh hugo \
    ian ibrahim igor ilham ivan jack jacob jacques jaime jake jamal james jared jason jay \
    jean-claude jeb jeff jeffery jeffrey jeremiah jeremy jerome jerry jesse jim jimmie jimmy \
    joe joel john johnnie jon jonathan jorge jose joseph josh joshua juan julian jurgen \
    justin keith ken kenneth kenny kevin khalid khizr kim kirk klaus kurt kyle lamar lance \
    larry laurence lawrence leonard leroy lester liam lindsey lloyd logan lou louis luis luke \
    lyndon mahmoud malik manuel marc marcel marco marcus mario mark marshall martin marvin \
    mason matt matteo matthew max michael mick miguel mike mikhail mitch mitchell mitt \
    mohammed monte morton muhammad mustafa narendra nathan neil newt newton nicholas nick \
    nicolas nigel noah norbert norman oliver omar orrin pablo patrick paul pedro peter phil \
    philip phillip pierre rafael rahm rahul raj ralph ramon rand randy raul ray raymond recep \
    reggie reid reince reza ricardo richard rick rob robby robert roberto roger ron ronald \
    ronnie roy ruben rudolph rudy rush russell ryan sadiq sam samuel sanjay scott sean \
    sebastian sergei sergio shawn sheldon shinzo sid simon spencer stan stanley stephen steve \
    steven stuart tad takeshi tariq ted terrence terry thomas tim timothy todd tom tommy tony \
    travis trey tucker tyler tyrone vernon victor vikram viktor vince vincent vladimir walter \
    wang warren wayne wesley will william willie wolf woodrow xi yuri yusuf zach zeke"
);

/// Common first names of women.
static FEMALE_FIRST_NAMES: List = list!(
    "abigail agnes aisha alexis alice alicia alison allison amanda amber amy ana andrea angela \
    angie anjali ann anna anne annie april arianna ashley audrey ava ayanna barbara beatrice \
    becky benazir beth betsy betty beverly bonnie bree brenda brittany camille carla carly \
    carmen carol carolyn catherine cathy cecile cecilia charlene charlotte chelsea cheryl \
    chiara christiane christina christine christy cindy claire claudia colleen condi \
    condoleezza connie cynthia dana danielle darlene dawn debbie deborah debra deja denise \
    diana diane dianne dolores donna doris dorothy ebony edith eileen elaine elena elizabeth \
    ellen emily emma erica erin esther evelyn fatima felicia fiona florence frances francesca \
    gabby gabriela gabrielle gail georgia giulia gloria golda grace greta gretchen gwen \
    hannah heather heidi heike helen hillary hope huma ileana indira ines ingrid irene irma \
    isabel isabella isabelle ivana ivanka jacqueline jan jane janet janice janine jean jeanne \
    jeannie jen jenna jennifer jenny jessica jessie jill jillian jo joan joanne jolene joyce \
    juanita judith judy julia julie june kamala karen kate katherine kathleen kathryn kathy \
    katie katrina katy kay kayla keiko keisha kelly kellyanne kimberly kirsten kristen \
    kristin kristina lael lara latoya laura lauren leah leila lena leslie lillian linda \
    lindsay lisa liz lois loretta lorraine lucia lucy lynn madeleine madison maggie mandy \
    marcia margaret maria marie marilyn marine marla marsha marta martha mary maryam maureen \
    maxine mazie meg megan meghan megyn mei melania melanne melinda melissa michele michelle \
    mika mildred miriam molly monica myra nancy naomi natalia natalie neera nicole nikki nina \
    nora norma olga olivia omarosa oprah pamela patricia patti patty paula pauline peggy \
    penny phyllis priscilla priya rachel rebecca regina renee rita robyn rosa rose ruth \
    samantha sandra sara sarah segolene shanice shannon sharon sheryl shirley sofia sophia \
    sophie stacey stacy stephanie sue sunita susan susana suzanne svetlana tamika tammy tanya \
    tara tatiana teresa theresa tiffany tina tracy tulsi ursula valerie vanessa veronica \
    victoria virginia wanda wendy whitney yasmin yolanda yuko yulia yvonne zeynep"
);

/// Everyday words that are also surnames when they follow a first name ("George Will", "Theresa May").
static SURNAME_LIKE_STOPS: List = list!(
    "best black brown cook good green hope king little long love may north price rice rush \
    said small story west white will wise young"
);

/// Adjectives common in role phrases that end like verb forms ("retired", "longtime", "acting").
static MODIFIER_ADJECTIVES: List = list!(
    "acclaimed acting aforementioned appointed celebrated disgraced elected embattled exiled \
    incoming indicted jailed leading longtime noted outgoing ranking renowned respected \
    retired self-described sitting so-called trusted unnamed veteran"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_carry_gender() {
        assert_eq!(title_gender("mrs"), Some(Gender::Female));
        assert_eq!(title_gender("sen"), Some(Gender::Unknown));
        assert_eq!(title_gender("table"), None);
    }

    #[test]
    fn adverbs_in_ly_are_recognised_but_not_daily() {
        assert!(is_aux_or_adverb("repeatedly"));
        assert!(!is_aux_or_adverb("daily"));
    }
}
