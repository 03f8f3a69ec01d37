// Synthetic news corpora: Zipf-law vocabularies in five languages, procedural photos, day-to-day edits.
//
// Index of this file:
// [SECTION] Random numbers (splitmix64, xoshiro256**): our own, so every platform draws the same
// [SECTION] Word lists and letters of each language
// [SECTION] Vocabularies: real words first, then synthetic words, with integer Zipf weights
// [SECTION] UTF-8 and capital letters
// [SECTION] Writing text: sentences, paragraphs, titles, bodies
// [SECTION] Photos: procedural scenes, display size and thumbnail
// [SECTION] Days: which articles were edited, added and withdrawn
// [SECTION] Articles
// [SECTION] generate_corpus
#include "core/search_text.h"
#include "core/corpus_gen.h"

#include "core/bundle_format.h"
#include "core/bundle_writer.h"
#include "core/hash.h"
#include "core/image.h"
#include "core/time_util.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string_view>
#include <unordered_set>

namespace tidings {

namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] Random numbers
// ---------------------------------------------------------------------------------------------

uint64_t splitmix64(uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// One value from several: distinct inputs give unrelated outputs.
uint64_t mix(uint64_t a, uint64_t b, uint64_t c = 0) {
    return splitmix64(a ^ splitmix64(b ^ splitmix64(c + 0x632BE59BD9B4E019ull)));
}

// Streams of one article or photo; each part of the content draws from its own stream, so
// changing how one part is written leaves the others as they were.
enum Stream : uint64_t {
    StreamMeta = 1,
    StreamTitle,
    StreamSummary,
    StreamBody,
    StreamPhotos,
    StreamRelated,
    StreamPool,
    StreamDay,
    StreamEdit,
};

// xoshiro256** seeded through splitmix64; integer-only draws, identical on every platform.
class Rng {
  public:
    explicit Rng(uint64_t seed) {
        for (auto& s : s_) {
            seed = splitmix64(seed);
            s = seed;
        }
    }
    uint64_t next() {
        const uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    // Uniform in [0, n); n > 0. The modulo bias is below 2^-40 for every n used here.
    uint64_t below(uint64_t n) { return next() % n; }
    // Uniform in [lo, hi].
    int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<uint64_t>(hi - lo + 1))); }
    // True with probability PERCENT/100.
    bool chance(int percent) { return below(100) < static_cast<uint64_t>(percent); }
    // True with probability PER_MILLE/1000.
    bool chance_per_mille(int per_mille) { return below(1000) < static_cast<uint64_t>(per_mille); }

  private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<uint64_t, 4> s_{}; // generator state
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Word lists and letters of each language
// ---------------------------------------------------------------------------------------------

// Everything written by hand for one language.
struct LanguageText {
    const char* code;           // en, hy, az, ka, ru
    const char* common;         // real words, most frequent first, space-separated
    const char* onsets;         // letters or clusters that start a synthetic syllable
    const char* vowels;         // vowels of a syllable
    const char* codas;          // endings of a syllable ("_" for none)
    const char* suffixes;       // word endings ("_" for none)
    const char* sections;       // section names, '|'-separated
    const char* first_names;    // author first names
    const char* last_names;     // author family names
    const char* sources;        // source names, '|'-separated
    const char* source_slugs;   // ASCII host names of the sources, same order
    const char* photo_word;     // "Photo" in a credit line
    const char* update_word;    // label of an appended update paragraph
    const char* full_stop;      // sentence end
};

const LanguageText kLanguages[] = {
    {"en",
     "the of and to a in is that for it on was with he as by at from his are be this have not but or an "
     "they which you were had her she their one all we there been has would more when if will who so no "
     "what up out about into than them can only other new some could time these two may then do first any "
     "now such like our over even most made after also did many before must through back years where much "
     "way well down should because each just those people how too little state good very make world still "
     "own see men work long get here between both life being under never day same another know while last "
     "might us great old year off come since against go came right used take three himself few house use "
     "during without again place around however home small found thought went say part once general high "
     "upon school every does got left number course war until always away something fact though water less "
     "public put think almost hand enough far took head yet government system better set told nothing night "
     "end why called find going look asked later knew point next program city business give group young days "
     "let room president side social given present several order national possible rather second face per "
     "among form important often things looked early white case become large big need four within felt along "
     "children saw best church ever least power development light thing family interest want members mind "
     "country area others done turned although open service certain kind problem began different door thus "
     "help sense means whole matter perhaps itself law human line above name example action company hands "
     "local show five history whether gave either today act across taken past quite anything having seen "
     "death experience body word half really week money words already information together shall keep "
     "political period town peace talks negotiations border region minister parliament election economy "
     "security cooperation agreement meeting statement decision question answer investment energy gas road "
     "railway university student women culture music theatre book language journalist news international "
     "union Europe European Armenia Azerbaijan Georgia Russia Yerevan Baku Tbilisi Moscow Brussels Caucasus",
     "b c d f g h j k l m n p r s t v w y z bl br ch cl cr dr fl fr gl gr pl pr sh sl sp st str th tr",
     "a e i o u ai ea ee oo ou", "_ _ _ n r s t l m nd nt st ck ng rd", "_ _ _ s ed ing er tion ly ment",
     "Politics|Economy|Society|Culture|Region|World|Science|Sport",
     "Anna David Sarah Michael Laura James Emma Thomas Helen Mark",
     "Walker Bennett Hughes Carter Fisher Morgan Price Ellis Grant Shaw",
     "Caucasus Herald|Border Weekly|Regional Review", "caucasus-herald border-weekly regional-review", "Photo",
     "Update:", "."},
    {"hy",
     "և է որ ի ու այդ այս նա մենք դուք նրանք ես դու համար հետ մասին բայց կամ եթե երբ որը ինչ ով թե էլ "
     "են էին եմ ենք էր չի չէ պետք կարող նաև միայն շատ քիչ նոր հին լավ վատ մեծ փոքր օր տարի ամիս ժամ "
     "մարդ մարդիկ երկիր քաղաք գյուղ կառավարություն նախագահ վարչապետ խորհրդարան Հայաստան Երևան Ադրբեջան "
     "Վրաստան Ռուսաստան Թբիլիսի Բաքու Մոսկվա խաղաղություն պատերազմ բանակցություններ սահման տնտեսություն "
     "քաղաքականություն կրթություն առողջապահություն հասարակություն իրավունք օրենք ընտրություններ հանդիպում "
     "հայտարարություն որոշում հարց պատասխան զարգացում ներդրում բիզնես աշխատանք աշխատավարձ գին փող բանկ "
     "ջուր էներգիա գազ ճանապարհ երկաթուղի դպրոց համալսարան ուսանող երեխա կին տղամարդ ընտանիք մշակույթ "
     "արվեստ երաժշտություն թատրոն գիրք լեզու պատմություն եկեղեցի լրագրող լրատվություն միջազգային "
     "տարածաշրջան անվտանգություն համագործակցություն միություն Եվրոպական պետություն ժողովուրդ խումբ "
     "կազմակերպություն ծրագիր նախաձեռնություն խնդիր լուծում ապագա անցյալ այսօր երեկ վաղը հիմա արդեն դեռ "
     "կրկին այնտեղ այստեղ բոլոր յուրաքանչյուր մյուս առաջին երկրորդ վերջին կարևոր հիմնական բարձր ցածր ուժեղ "
     "ազատ անկախ ազգային տեղական սոցիալական քաղաքական տնտեսական ռազմական ասել ասաց հայտնել նշել նշեց ունի "
     "ունենալ լինել անել գնալ գալ տեսնել գիտենալ ուզում կարծում աջակցել ստեղծել բացել փակել սկսել ավարտել "
     "շարունակել ըստ առանց միջև դեմ նման մոտ հետո առաջ ընթացքում շնորհիվ պատճառով կողմից վրա տակ մեջ",
     "բ գ դ զ թ ժ լ խ ծ կ հ ձ ղ ճ մ յ ն շ չ պ ջ ռ ս վ տ ր ց փ ք ֆ", "ա ե է ը ի ո օ ու",
     "_ _ ն ր լ ս տ մ կ", "_ _ ություն ներ ում ի ական ով ից ը ն",
     "Քաղաքականություն|Տնտեսություն|Հասարակություն|Մշակույթ|Տարածաշրջան|Աշխարհ|Գիտություն|Սպորտ",
     "Անի Արամ Լուսինե Դավիթ Մարիամ Տիգրան Նարինե Արմեն Գայանե Հայկ",
     "Պետրոսյան Հովհաննիսյան Սարգսյան Գրիգորյան Կարապետյան Ավետիսյան Մկրտչյան Հարությունյան Վարդանյան Խաչատրյան",
     "Լուր օրաթերթ|Երևանյան տեղեկագիր|Տարածաշրջան", "lur-oratert yerevan-bulletin taratsashrjan",
     "Լուսանկարը՝", "Թարմացում.", "։"},
    {"az",
     "və bu bir ki də da ilə üçün olan olaraq isə amma lakin çox daha ən həm hər o onun onlar biz siz mən "
     "sən var yox deyil edir etdi olub oldu olur bildirib deyib qeyd etmək il ay gün saat insan insanlar "
     "ölkə şəhər kənd yeni köhnə yaxşı pis böyük kiçik Azərbaycan Bakı Gəncə Şuşa Ermənistan Gürcüstan "
     "Rusiya Türkiyə Avropa İrəvan Tbilisi Moskva prezident hökumət nazir parlament sülh müharibə "
     "danışıqlar sərhəd iqtisadiyyat siyasət təhsil səhiyyə cəmiyyət hüquq qanun seçki görüş bəyanat qərar "
     "sual cavab inkişaf investisiya biznes iş maaş qiymət pul bank su enerji qaz yol dəmir məktəb "
     "universitet tələbə uşaq qadın kişi ailə mədəniyyət incəsənət musiqi teatr kitab dil tarix jurnalist "
     "xəbər xəbərlər beynəlxalq region təhlükəsizlik əməkdaşlıq ittifaq dövlət xalq qrup təşkilat proqram "
     "problem həll gələcək keçmiş dünən sabah indi artıq hələ yenə orada burada bütün digər birinci ikinci "
     "son vacib əsas yüksək aşağı güclü azad müstəqil milli yerli sosial siyasi iqtisadi hərbi zaman vaxt "
     "sonra əvvəl qarşı görə kimi qədər arasında haqqında barədə tərəfindən nəticədə əlavə olunub edilib "
     "keçirilib başladı davam layihə sahə fəaliyyət tədbir mərkəz şirkət bazar ticarət idxal ixrac neft "
     "təsərrüfatı səfər nümayəndə heyət rəhbər sədr komissiya hakimiyyət müxalifət partiya vətəndaş "
     "media azadlıq söz mətbuat regionda ölkənin şəhərin dövlətin xalqın gənclər məsələ imkan şərait",
     "b c ç d f g ğ h x j k q l m n p r s ş t v y z", "a ı o u e ə i ö ü", "_ _ n r l m s ş z t q",
     "_ _ lar lər da də dan dən nın nin ın in ı i lı li",
     "Siyasət|İqtisadiyyat|Cəmiyyət|Mədəniyyət|Region|Dünya|Elm|İdman",
     "Aysel Elvin Leyla Rəşad Nərmin Orxan Günel Tural Səbinə Kamran",
     "Məmmədov Hüseynova Quliyev Həsənova İsmayılov Əliyeva Abbasov Rzayeva Cəfərov Nəsirova",
     "Xəbər Mərkəzi|Bakı Gündəlik|Region Press", "xeber-merkezi baki-gundelik region-press", "Foto",
     "Yeniləmə:", "."},
    {"ka",
     "და არის რომ ეს ის არ ვერ უნდა თუ მაგრამ ან როგორც იყო მისი მათი ჩვენ თქვენ მე შენ ისინი ყველა "
     "ერთი ორი სამი ახალი ძველი დიდი პატარა კარგი ცუდი დღეს გუშინ ხვალ წელი წლის თვე დღე საათი ადამიანი "
     "ხალხი ქვეყანა ქალაქი სოფელი მთავრობა პრეზიდენტი პრემიერი პარლამენტი საქართველო თბილისი ბათუმი "
     "ქუთაისი სომხეთი აზერბაიჯანი რუსეთი ევროპა მშვიდობა ომი მოლაპარაკებები საზღვარი ეკონომიკა პოლიტიკა "
     "განათლება ჯანდაცვა საზოგადოება უფლება კანონი არჩევნები შეხვედრა განცხადება გადაწყვეტილება კითხვა "
     "პასუხი განვითარება ინვესტიცია ბიზნესი სამუშაო ხელფასი ფასი ფული ბანკი წყალი ენერგია გაზი გზა "
     "რკინიგზა სკოლა უნივერსიტეტი სტუდენტი ბავშვი ქალი კაცი ოჯახი კულტურა ხელოვნება მუსიკა თეატრი წიგნი "
     "ენა ისტორია ეკლესია ჟურნალისტი ამბები საერთაშორისო რეგიონი უსაფრთხოება თანამშრომლობა კავშირი "
     "ევროკავშირი სახელმწიფო ჯგუფი ორგანიზაცია პროგრამა პრობლემა გადაწყვეტა მომავალი წარსული ახლა უკვე "
     "ჯერ კიდევ იქ აქ ყოველი სხვა პირველი მეორე ბოლო მნიშვნელოვანი მთავარი მაღალი დაბალი ძლიერი "
     "თავისუფალი დამოუკიდებელი ეროვნული ადგილობრივი სოციალური პოლიტიკური ეკონომიკური სამხედრო თქვა "
     "განაცხადა აღნიშნა აქვს გააკეთა წავიდა მოვიდა ნახა იცის ფიქრობს მხარი შექმნა გახსნა დახურა დაიწყო "
     "დაასრულა გააგრძელა მიერ შესახებ შემდეგ წინ გამო მიუხედავად დროს ასევე მხოლოდ ძალიან ბევრი ცოტა",
     "ბ გ დ ვ ზ თ კ ლ მ ნ პ ჟ რ ს ტ ფ ქ ღ ყ შ ჩ ც ძ წ ჭ ხ ჯ ჰ მთ ბრ გრ ტრ სხ", "ა ე ი ო უ",
     "_ _ _ ნ რ ლ ს მ", "_ ი ის ები ად ში ით ზე თან ების",
     "პოლიტიკა|ეკონომიკა|საზოგადოება|კულტურა|რეგიონი|მსოფლიო|მეცნიერება|სპორტი",
     "ნინო გიორგი თამარ დავით მარიამ ლევან ანა ირაკლი ეკა ნიკა",
     "ბერიძე კაპანაძე გელაშვილი მაისურაძე ლომიძე ჯაფარიძე ხუციშვილი ნოზაძე აბაშიძე წიკლაური",
     "კავკასიის მაცნე|თბილისის ამბები|რეგიონის მიმოხილვა", "kavkasiis-matsne tbilisis-ambebi regionis-mimokhilva",
     "ფოტო:", "განახლება:", "."},
    {"ru",
     "и в не на я быть он с что а по это она этот к но они мы как из у который то за свой весь год от так "
     "о для ты же все тот мочь вы человек такой его сказать только или ещё бы себя один уже до время если "
     "сам когда другой вот говорить наш мой знать стать при чтобы дело жизнь кто первый очень два день её "
     "новый рука даже во со раз где там под можно ну какой после их работа без самый потом надо хотеть ли "
     "слово идти большой должен место иметь ничто правительство президент министр парламент выборы "
     "переговоры мирные граница экономика политика общество культура образование здравоохранение закон "
     "право страна город село Россия Москва Тбилиси Ереван Баку Армения Грузия Азербайджан Европа "
     "безопасность сотрудничество соглашение встреча заявление решение вопрос ответ развитие инвестиции "
     "бизнес зарплата цена деньги банк вода энергия газ дорога железная школа университет студент ребёнок "
     "женщина мужчина семья искусство музыка театр книга язык история церковь журналист новости "
     "международный регион союз государство народ группа организация программа проблема будущее прошлое "
     "сегодня вчера завтра сейчас уже снова здесь каждый последний важный главный высокий низкий сильный "
     "свободный независимый национальный местный социальный политический экономический военный заявил "
     "отметил сообщил считает поддержка создать открыть закрыть начать продолжить между против около "
     "также однако поэтому например несколько вместе процесс власть партия гражданин свобода пресса",
     "б в г д ж з к л м н п р с т ф х ц ч ш щ бр гр др кр пр ст тр", "а е и о у ы я ю",
     "_ _ н р л с т к м в", "_ _ ов ая ого ый ие ой ам ами ых ей ть ский",
     "Политика|Экономика|Общество|Культура|Регион|Мир|Наука|Спорт",
     "Анна Дмитрий Елена Сергей Ольга Алексей Мария Игорь Наталья Павел",
     "Смирнова Кузнецов Попова Соколов Лебедева Новиков Морозова Волков Зайцева Орлов",
     "Кавказский вестник|Новости региона|Деловая неделя", "kavkazsky-vestnik novosti-regiona delovaya-nedelya",
     "Фото:", "Обновлено:", "."},
};
constexpr int kLanguageCount = 5;

// Kinds of article, with their share in percent.
const std::pair<const char*, int> kKinds[] = {{"News", 55}, {"Analysis", 15}, {"Interview", 12}, {"Opinion", 18}};

std::vector<std::string> split(std::string_view text, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(sep, start);
        if (end == std::string_view::npos) end = text.size();
        if (end > start) {
            std::string part(text.substr(start, end - start));
            out.push_back(part == "_" ? std::string() : part);
        }
        start = end + 1;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Vocabularies
// ---------------------------------------------------------------------------------------------

constexpr int kVocabularySize = 50'000;  // words per language
constexpr int kTopics = 40;              // topics per language
constexpr int kTopicWords = 30;          // words that a topic makes more frequent
constexpr int kTopicPerMille = 70;       // share of an article's words drawn from its topic

// One language's words by rank, with cumulative Zipf weights for drawing them.
struct Vocabulary {
    const LanguageText* text = nullptr;   // the hand-written parts
    std::vector<std::string> words;       // by rank: index 0 is rank 1
    std::vector<uint64_t> cumulative;     // cumulative[i] = sum of weights of ranks 1..i+1
    std::vector<std::vector<int>> topics; // per topic, word indexes it favours
    std::vector<std::string> sections, first_names, last_names, sources, source_slugs;
};

// A syllable-built word whose length grows with RANK, like real vocabularies.
std::string synthetic_word(const std::vector<std::string>& onsets, const std::vector<std::string>& vowels,
                           const std::vector<std::string>& codas, const std::vector<std::string>& suffixes,
                           int rank, Rng& rng) {
    int syllables = 1 + (rank > 1500) + (rank > 8000) + static_cast<int>(rng.below(2));
    std::string w;
    for (int i = 0; i < syllables; ++i) {
        w += onsets[rng.below(onsets.size())];
        w += vowels[rng.below(vowels.size())];
        if (i + 1 == syllables || rng.chance(25)) w += codas[rng.below(codas.size())];
    }
    if (rng.chance(50)) w += suffixes[rng.below(suffixes.size())];
    return w;
}

Vocabulary build_vocabulary(const LanguageText& t) {
    Vocabulary v;
    v.text = &t;
    std::unordered_set<std::string> seen;
    for (auto& w : split(t.common, ' '))
        if (seen.insert(w).second) v.words.push_back(std::move(w));
    const auto onsets = split(t.onsets, ' '), vowels = split(t.vowels, ' ');
    const auto codas = split(t.codas, ' '), suffixes = split(t.suffixes, ' ');
    Rng rng(mix(0x70C4B, static_cast<uint64_t>(t.code[0]) << 8 | static_cast<uint64_t>(t.code[1])));
    while (static_cast<int>(v.words.size()) < kVocabularySize) {
        std::string w = synthetic_word(onsets, vowels, codas, suffixes, static_cast<int>(v.words.size()) + 1, rng);
        if (seen.insert(w).second) v.words.push_back(std::move(w));
    }
    // Zipf-Mandelbrot weights 1/(rank+1) in integers, so drawing needs no floating point.
    v.cumulative.resize(v.words.size());
    uint64_t sum = 0;
    for (size_t i = 0; i < v.words.size(); ++i) {
        sum += (uint64_t{1} << 40) / (i + 2);
        v.cumulative[i] = sum;
    }
    // Topic words come from the middle of the ranks: frequent enough to recur, rare enough to mean something.
    v.topics.resize(kTopics);
    for (int topic = 0; topic < kTopics; ++topic) {
        Rng trng(mix(0x7091C, static_cast<uint64_t>(topic), static_cast<uint64_t>(t.code[0])));
        for (int j = 0; j < kTopicWords; ++j) v.topics[topic].push_back(300 + static_cast<int>(trng.below(8000)));
    }
    v.sections = split(t.sections, '|');
    v.first_names = split(t.first_names, ' ');
    v.last_names = split(t.last_names, ' ');
    v.sources = split(t.sources, '|');
    v.source_slugs = split(t.source_slugs, ' ');
    return v;
}

// The five vocabularies, built once (thread-safe static initialization).
const std::vector<Vocabulary>& vocabularies() {
    static const std::vector<Vocabulary> all = [] {
        std::vector<Vocabulary> v;
        for (const auto& t : kLanguages) v.push_back(build_vocabulary(t));
        return v;
    }();
    return all;
}

const Vocabulary* find_vocabulary(const std::string& language) {
    for (const auto& v : vocabularies())
        if (language == v.text->code) return &v;
    return nullptr;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] UTF-8 and capital letters
// ---------------------------------------------------------------------------------------------

// Decodes the code point at the start of S (our own word lists: always valid UTF-8).
char32_t first_code_point(std::string_view s, size_t& length) {
    const auto b = [&](size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(s[i])); };
    if (b(0) < 0x80) { length = 1; return b(0); }
    if (b(0) < 0xE0) { length = 2; return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F); }
    if (b(0) < 0xF0) { length = 3; return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F); }
    length = 4;
    return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
}


// The capital of a small letter in our five scripts (Georgian Mkhedruli has no capitals in text).
char32_t capital(char32_t c, bool azerbaijani) {
    if (c >= 'a' && c <= 'z') return azerbaijani && c == 'i' ? 0x130 : c - 32; // az: i -> İ
    switch (c) {
    case 0x259: return 0x18F; // ə Ə
    case 0x131: return 'I';   // ı I
    case 0x11F: return 0x11E; // ğ Ğ
    case 0x15F: return 0x15E; // ş Ş
    case 0xE7: return 0xC7;   // ç Ç
    case 0xF6: return 0xD6;   // ö Ö
    case 0xFC: return 0xDC;   // ü Ü
    default: break;
    }
    if (c >= 0x430 && c <= 0x44F) return c - 0x20; // Cyrillic а-я
    if (c >= 0x450 && c <= 0x45F) return c - 0x50; // ѐ-џ (ё)
    if (c >= 0x561 && c <= 0x586) return c - 0x30; // Armenian ա-ֆ
    return c;
}

void append_capitalized(std::string& out, std::string_view word, bool azerbaijani) {
    if (word.empty()) return;
    size_t n = 0;
    char32_t c = first_code_point(word, n);
    append_utf8(out, capital(c, azerbaijani));
    out.append(word.substr(n));
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Writing text
// ---------------------------------------------------------------------------------------------

// Writes text in one language from one random stream, counting the words it writes.
class Writer {
  public:
    Writer(const Vocabulary& vocabulary, int topic, Rng& rng)
        : v_(vocabulary), topic_(topic), rng_(rng), az_(std::string_view(vocabulary.text->code) == "az") {}

    int64_t word_count() const { return words_; }
    Rng& rng() { return rng_; }

    // One word drawn from the topic or from the Zipf law.
    const std::string& word() {
        ++words_;
        if (rng_.chance_per_mille(kTopicPerMille)) {
            const auto& t = v_.topics[static_cast<size_t>(topic_)];
            return v_.words[static_cast<size_t>(t[rng_.below(t.size())])];
        }
        const uint64_t total = v_.cumulative.back();
        const uint64_t x = rng_.below(total);
        auto it = std::upper_bound(v_.cumulative.begin(), v_.cumulative.end(), x);
        return v_.words[static_cast<size_t>(it - v_.cumulative.begin())];
    }

    // N words separated by spaces, the first capitalized when CAPITALIZE.
    void words(std::string& out, int n, bool capitalize) {
        for (int i = 0; i < n; ++i) {
            if (i) out += ' ';
            if (i == 0 && capitalize) append_capitalized(out, word(), az_);
            else out += word();
        }
    }

    // A sentence of N words, with now and then a comma, an *emphasis* or a [link](https://...).
    void sentence(std::string& out, int n, bool markup) {
        int emph_at = -1, link_at = -1, span = rng_.between(1, 3);
        if (markup && n > 6) {
            if (rng_.chance(10)) emph_at = rng_.between(1, n - span - 1);
            else if (rng_.chance(6)) link_at = rng_.between(1, n - span - 1);
        }
        for (int i = 0; i < n; ++i) {
            if (i) out += ' ';
            if (i == emph_at) out += '*';
            if (i == link_at) out += '[';
            if (i == 0) append_capitalized(out, word(), az_);
            else out += word();
            if (emph_at >= 0 && i == emph_at + span - 1) out += '*';
            if (link_at >= 0 && i == link_at + span - 1) {
                out += "](https://example.org/";
                out += v_.text->code;
                out += "/story/";
                out += std::to_string(rng_.below(1'000'000));
                out += ')';
            }
            if (i + 1 < n && i != emph_at && i != link_at && rng_.chance(6)) out += ',';
        }
        out += rng_.chance(5) && std::string_view(v_.text->code) != "hy" ? "?" : v_.text->full_stop;
    }

    // Sentences adding up to about N words.
    void paragraph(std::string& out, int n, bool markup) {
        bool first = true;
        while (n > 0) {
            int len = std::min(n, rng_.between(7, 24));
            if (n - len < 4) len = n;
            if (!first) out += ' ';
            sentence(out, len, markup);
            first = false;
            n -= len;
        }
    }

    std::string title() {
        std::string t;
        words(t, rng_.between(6, 14), true);
        return t;
    }

    std::string summary() {
        std::string s;
        paragraph(s, rng_.between(30, 60), false);
        return s;
    }

    // "First Last" in this language.
    std::string person() {
        return v_.first_names[rng_.below(v_.first_names.size())] + " " +
               v_.last_names[rng_.below(v_.last_names.size())];
    }

  private:
    const Vocabulary& v_; // the language
    int topic_;           // the article's topic, 0..kTopics-1
    Rng& rng_;            // the stream this text comes from
    bool az_;             // Azerbaijani capitals (i -> İ)
    int64_t words_ = 0;   // words written so far
};

// One block of a body before it is joined into Markdown.
struct BodyBlock {
    enum Kind { Paragraph, Heading, List, Quote, Photo } kind = Paragraph; // what it is
    std::string text;  // its Markdown
    int words = 0;     // words in it (paragraphs: the size a replacement should have)
};

std::string join_blocks(const std::vector<BodyBlock>& blocks) {
    std::string out;
    for (const auto& b : blocks) {
        if (!out.empty()) out += "\n\n";
        out += b.text;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Photos
// ---------------------------------------------------------------------------------------------

// A 24-bit colour.
struct Rgb {
    int r = 0; // red 0..255
    int g = 0; // green 0..255
    int b = 0; // blue 0..255
};

Rgb random_colour(Rng& rng) {
    return {static_cast<int>(rng.below(256)), static_cast<int>(rng.below(256)), static_cast<int>(rng.below(256))};
}

Rgb lerp(Rgb a, Rgb b, int t, int scale) {
    return {a.r + (b.r - a.r) * t / scale, a.g + (b.g - a.g) * t / scale, a.b + (b.b - a.b) * t / scale};
}

// A canvas for drawing scenes with integer arithmetic only.
struct Canvas {
    Image image; // RGB pixels being drawn

    void put(int x, int y, Rgb c, int alpha) {
        if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
        uint8_t* p = &image.pixels[(static_cast<size_t>(y) * static_cast<size_t>(image.width) + static_cast<size_t>(x)) * 3];
        p[0] = static_cast<uint8_t>((p[0] * (256 - alpha) + c.r * alpha) >> 8);
        p[1] = static_cast<uint8_t>((p[1] * (256 - alpha) + c.g * alpha) >> 8);
        p[2] = static_cast<uint8_t>((p[2] * (256 - alpha) + c.b * alpha) >> 8);
    }
    void rect(int x0, int y0, int x1, int y1, Rgb c, int alpha) {
        for (int y = std::max(0, y0); y < std::min(image.height, y1); ++y)
            for (int x = std::max(0, x0); x < std::min(image.width, x1); ++x) put(x, y, c, alpha);
    }
    void disc(int cx, int cy, int r, Rgb c, int alpha) {
        for (int y = std::max(0, cy - r); y < std::min(image.height, cy + r + 1); ++y)
            for (int x = std::max(0, cx - r); x < std::min(image.width, cx + r + 1); ++x)
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) put(x, y, c, alpha);
    }
    // Vertical gradient from TOP to BOTTOM over rows [y0, y1).
    void vertical(int y0, int y1, Rgb top, Rgb bottom) {
        for (int y = std::max(0, y0); y < std::min(image.height, y1); ++y) {
            Rgb c = lerp(top, bottom, y - y0, std::max(1, y1 - y0));
            for (int x = 0; x < image.width; ++x) put(x, y, c, 256);
        }
    }
};

// A procedural scene: a landscape, a skyline or an abstract composition, with film grain.
Image draw_scene(uint64_t seed, int w, int h) {
    Rng rng(seed);
    Canvas cv;
    cv.image.width = w;
    cv.image.height = h;
    cv.image.channels = 3;
    cv.image.pixels.assign(static_cast<size_t>(w) * static_cast<size_t>(h) * 3, 0);
    const int scene = static_cast<int>(rng.below(3));
    if (scene == 0) { // landscape: sky, sun, hills
        const int horizon = h * rng.between(35, 65) / 100;
        cv.vertical(0, horizon, random_colour(rng), random_colour(rng));
        cv.vertical(horizon, h, random_colour(rng), random_colour(rng));
        cv.disc(rng.between(0, w), rng.between(0, horizon), rng.between(h / 20, h / 8), random_colour(rng), 230);
        for (int i = 0, n = rng.between(2, 6); i < n; ++i)
            cv.disc(rng.between(0, w), horizon + rng.between(h / 10, h / 3), rng.between(w / 6, w / 2),
                    random_colour(rng), rng.between(80, 200));
    } else if (scene == 1) { // skyline with lit windows
        cv.vertical(0, h, random_colour(rng), random_colour(rng));
        int x = 0;
        while (x < w) {
            const int bw = rng.between(w / 20, w / 7), top = h - rng.between(h / 5, h * 4 / 5);
            const Rgb wall = random_colour(rng), light = random_colour(rng);
            cv.rect(x, top, x + bw, h, wall, 256);
            for (int wy = top + 12; wy + 10 < h; wy += 22)
                for (int wx = x + 8; wx + 8 < x + bw; wx += 18)
                    if (rng.chance(55)) cv.rect(wx, wy, wx + 8, wy + 10, light, 200);
            x += bw + rng.between(0, 12);
        }
    } else { // abstract: diagonal gradient, discs and bars
        const Rgb a = random_colour(rng), b = random_colour(rng);
        const int dx = rng.between(1, 8), dy = rng.between(-8, 8);
        const int lo = std::min(0, dy * h), hi = dx * w + std::max(0, dy * h);
        for (int y = 0; y < h; ++y)
            for (int xx = 0; xx < w; ++xx) cv.put(xx, y, lerp(a, b, xx * dx + y * dy - lo, std::max(1, hi - lo)), 256);
        for (int i = 0, n = rng.between(3, 9); i < n; ++i) {
            if (rng.chance(50))
                cv.disc(rng.between(0, w), rng.between(0, h), rng.between(h / 16, h / 3), random_colour(rng),
                        rng.between(60, 220));
            else {
                const int x0 = rng.between(0, w), y0 = rng.between(0, h);
                cv.rect(x0, y0, x0 + rng.between(w / 12, w / 2), y0 + rng.between(h / 12, h / 3), random_colour(rng),
                        rng.between(60, 220));
            }
        }
    }
    // Film grain: a per-pixel hash, so the JPEG has the detail (and size) of a real photo.
    const int amplitude = rng.between(3, 7);
    const uint32_t salt = static_cast<uint32_t>(seed);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            uint32_t k = static_cast<uint32_t>(x) * 0x9E3779B1u ^ static_cast<uint32_t>(y) * 0x85EBCA77u ^ salt;
            k ^= k >> 15;
            k *= 0x2C1B3C6Du;
            k ^= k >> 12;
            const int noise = (static_cast<int>(k & 15) - 8) * amplitude / 8;
            uint8_t* p = &cv.image.pixels[(static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x)) * 3];
            for (int c = 0; c < 3; ++c) p[c] = static_cast<uint8_t>(std::clamp(p[c] + noise, 0, 255));
        }
    }
    return std::move(cv.image);
}

// Photo I of the pool: mostly 1200x800, some 1200x900 and some portrait, with its thumbnail.
BundlePhoto make_pool_photo(uint64_t base_seed, int index) {
    const uint64_t seed = mix(base_seed, static_cast<uint64_t>(index), StreamPool);
    Rng rng(seed);
    const int shape = static_cast<int>(rng.below(10));
    const int w = shape == 9 ? 800 : 1200, h = shape == 9 ? 1200 : shape == 8 ? 900 : 800;
    Image image = draw_scene(rng.next(), w, h);
    Image thumb = fit_within(image, 400, 400);
    BundlePhoto p;
    p.data = encode_jpeg(image, 80);
    p.thumb = encode_jpeg(thumb, 75);
    p.hash = sha256_hex(p.data);
    p.width = image.width;
    p.height = image.height;
    p.thumb_width = thumb.width;
    p.thumb_height = thumb.height;
    p.caption = "Synthetic photo " + std::to_string(index + 1);
    p.credit = "Tidings Photo Pool";
    return p;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Days
// ---------------------------------------------------------------------------------------------

constexpr int64_t kDayOneCreated = 1767247200; // 2026-01-01T06:00:00Z
constexpr int64_t kDay = 86400;
constexpr int64_t kSpanSeconds = 3 * 365 * kDay; // day-1 articles spread over three years

// The history of the channel up to one day: which articles exist and what happened to them.
struct DayPlan {
    std::vector<uint8_t> alive;                  // per article index: still in the channel
    std::vector<int> added_day;                  // per article index: day it appeared (1 = base)
    std::map<int64_t, std::vector<int>> edits;   // article index -> days it was edited, ascending
    std::vector<int64_t> withdrawn_today;        // withdrawn on the last day, ascending
};

DayPlan plan_days(int64_t articles, int64_t sequence, double fraction, uint64_t seed) {
    DayPlan plan;
    plan.alive.assign(static_cast<size_t>(articles), 1);
    plan.added_day.assign(static_cast<size_t>(articles), 1);
    int64_t alive = articles;
    for (int day = 2; day <= sequence; ++day) {
        Rng rng(mix(seed, static_cast<uint64_t>(day), StreamDay));
        const auto count = [&](double share) {
            return fraction > 0 ? std::max<int64_t>(1, static_cast<int64_t>(static_cast<double>(alive) * share + 0.5)) : 0;
        };
        const int64_t withdraw = std::min(count(fraction / 10), alive / 2);
        const int64_t edit = std::min(count(fraction), alive - withdraw);
        const int64_t add = count(fraction / 4);
        const int64_t existing = static_cast<int64_t>(plan.alive.size());
        // Picks an article that is in the channel and untouched today.
        std::vector<uint8_t> touched(static_cast<size_t>(existing), 0);
        const auto pick = [&]() {
            for (;;) {
                const auto i = static_cast<size_t>(rng.below(static_cast<uint64_t>(existing)));
                if (plan.alive[i] && !touched[i]) {
                    touched[i] = 1;
                    return static_cast<int64_t>(i);
                }
            }
        };
        plan.withdrawn_today.clear();
        for (int64_t k = 0; k < withdraw; ++k) plan.withdrawn_today.push_back(pick());
        for (int64_t k = 0; k < edit; ++k) plan.edits[pick()].push_back(day);
        for (int64_t i : plan.withdrawn_today) plan.alive[static_cast<size_t>(i)] = 0;
        std::sort(plan.withdrawn_today.begin(), plan.withdrawn_today.end());
        for (int64_t k = 0; k < add; ++k) {
            plan.alive.push_back(1);
            plan.added_day.push_back(day);
        }
        alive += add - withdraw;
    }
    return plan;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Articles
// ---------------------------------------------------------------------------------------------

// What the generation of one bundle shares across its articles.
struct Corpus {
    uint64_t base_seed = 0;                 // seed of day-1 content
    uint64_t seed = 0;                      // seed of the changes
    int64_t day1_articles = 0;              // articles on day 1
    const DayPlan* plan = nullptr;          // the channel's history
    const std::vector<std::string>* photo_hashes = nullptr; // the photo pool
};

// The cheap facts of article INDEX: language, kind, topic, section, flags, dates.
struct ArticleMeta {
    const Vocabulary* vocabulary = nullptr; // its language
    const char* kind = "";                  // News, Analysis, Interview, Opinion
    int topic = 0;                          // 0..kTopics-1
    int64_t flags = 0;                      // ArticleFlags
    int64_t published = 0;                  // Unix seconds
    std::string id;                         // e.g. "hy-0001234"
};

ArticleMeta article_meta(const Corpus& c, int64_t index) {
    ArticleMeta m;
    Rng rng(mix(c.base_seed, static_cast<uint64_t>(index), StreamMeta));
    m.vocabulary = &vocabularies()[rng.below(kLanguageCount)];
    int roll = static_cast<int>(rng.below(100));
    for (const auto& [kind, share] : kKinds) {
        m.kind = kind;
        if (roll < share) break;
        roll -= share;
    }
    m.topic = static_cast<int>(rng.below(kTopics));
    if (rng.chance(5)) m.flags |= ArticleEditorsChoice;
    if (rng.chance(5)) m.flags |= ArticlePopular;
    const int day = c.plan->added_day[static_cast<size_t>(index)];
    const int64_t created = kDayOneCreated + (day - 1) * kDay;
    m.published = day == 1 ? created - 3600 - static_cast<int64_t>(rng.below(static_cast<uint64_t>(kSpanSeconds)))
                           : created - 600 - static_cast<int64_t>(rng.below(20 * 3600));
    m.published -= m.published % 60;
    char id[32];
    std::snprintf(id, sizeof id, "%s-%07lld", m.vocabulary->text->code, static_cast<long long>(index));
    m.id = id;
    return m;
}

// The day-1 title of article INDEX (related cards show it).
std::string article_title(const Corpus& c, int64_t index, const ArticleMeta& m) {
    Rng rng(mix(c.base_seed, static_cast<uint64_t>(index), StreamTitle));
    Writer w(*m.vocabulary, m.topic, rng);
    return w.title();
}

// A body: paragraphs with some headings, a list, a quote and photos, 300-1500 words.
std::vector<BodyBlock> compose_body(Writer& w, const ArticleMeta& m) {
    Rng& rng = w.rng();
    const int total = 300 + (rng.between(0, 1200) + rng.between(0, 1200)) / 2;
    const int paragraphs = std::clamp(total / 90 + rng.between(-2, 2), 4, 15);
    const bool headings = paragraphs >= 6 && rng.chance(60);
    const int list_after = rng.chance(25) ? rng.between(1, paragraphs - 1) : -1;
    const int quote_after = rng.chance(35) ? rng.between(1, paragraphs - 1) : -1;
    const bool interview = std::string_view(m.kind) == "Interview";
    std::vector<BodyBlock> blocks;
    int left = total;
    for (int p = 0; p < paragraphs; ++p) {
        if (headings && p > 0 && p % 4 == 0) {
            BodyBlock b{BodyBlock::Heading, "## ", 0};
            w.words(b.text, rng.between(2, 6), true);
            blocks.push_back(std::move(b));
        }
        const int n = p + 1 == paragraphs ? std::max(20, left) : std::max(20, left / (paragraphs - p) + rng.between(-25, 25));
        BodyBlock b{BodyBlock::Paragraph, {}, n};
        if (interview && p % 2 == 1) {
            b.text = "**";
            w.words(b.text, rng.between(6, 14), true);
            b.text += "?** ";
        }
        w.paragraph(b.text, n, true);
        blocks.push_back(std::move(b));
        left -= n;
        if (p == list_after) {
            BodyBlock list{BodyBlock::List, {}, 0};
            for (int i = 0, items = rng.between(3, 6); i < items; ++i) {
                if (i) list.text += '\n';
                list.text += "- ";
                w.words(list.text, rng.between(4, 12), true);
            }
            blocks.push_back(std::move(list));
        }
        if (p == quote_after) {
            BodyBlock q{BodyBlock::Quote, "> ", 0};
            w.paragraph(q.text, rng.between(12, 40), false);
            q.text += " — ";
            q.text += w.person();
            blocks.push_back(std::move(q));
        }
    }
    return blocks;
}

// A photo block: ![caption](photo:<hash> "credit").
BodyBlock photo_block(Writer& w, const std::string& hash, const std::string& credit) {
    BodyBlock b{BodyBlock::Photo, "![", 0};
    w.words(b.text, w.rng().between(4, 10), true);
    b.text += "](photo:" + hash + " \"" + credit + "\")";
    return b;
}

// One generated article with its publisher related entries and counts for the report.
struct GeneratedArticle {
    BundleArticle article;               // the record
    std::vector<BundleRelated> related;  // its publisher lists
    std::vector<int> photos;             // pool indexes it shows
    int64_t words = 0;                   // words written
    int inline_photos = 0;               // photo blocks in the body
};

GeneratedArticle make_article(const Corpus& c, int64_t index) {
    GeneratedArticle g;
    const ArticleMeta m = article_meta(c, index);
    const Vocabulary& v = *m.vocabulary;
    BundleArticle& a = g.article;
    a.id = m.id;
    a.language = v.text->code;
    a.kind = m.kind;
    a.section = v.sections[static_cast<size_t>(m.topic) % v.sections.size()];
    a.flags = m.flags;
    a.published = format_iso8601(m.published);
    a.title = article_title(c, index, m);

    Rng summary_rng(mix(c.base_seed, static_cast<uint64_t>(index), StreamSummary));
    Writer summary_writer(v, m.topic, summary_rng);
    a.summary = summary_writer.summary();
    a.authors = summary_writer.person();
    if (summary_rng.chance(20)) a.authors += "; " + summary_writer.person();
    const size_t source = summary_rng.below(v.sources.size());
    a.source_name = v.sources[source];
    a.source_url = "https://" + v.source_slugs[source] + ".example.org/" + a.published.substr(0, 4) + "/" +
                   a.published.substr(5, 2) + "/" + a.id;

    Rng body_rng(mix(c.base_seed, static_cast<uint64_t>(index), StreamBody));
    Writer body(v, m.topic, body_rng);
    std::vector<BodyBlock> blocks = compose_body(body, m);

    // Photos: a hero on ~70%, one or two inline photos on ~25%.
    Rng photo_rng(mix(c.base_seed, static_cast<uint64_t>(index), StreamPhotos));
    Writer photo_writer(v, m.topic, photo_rng);
    const auto& pool = *c.photo_hashes;
    const std::string credit = std::string(v.text->photo_word) + " " + photo_writer.person() + " / Tidings Photo Pool";
    if (photo_rng.chance(70)) {
        const int p = static_cast<int>(photo_rng.below(pool.size()));
        a.photo = pool[static_cast<size_t>(p)];
        photo_writer.words(a.photo_caption, photo_rng.between(5, 12), true);
        a.photo_credit = credit;
        g.photos.push_back(p);
    }
    if (photo_rng.chance(25)) {
        const int inline_count = photo_rng.chance(20) ? 2 : 1;
        for (int k = 0; k < inline_count; ++k) {
            const int p = static_cast<int>(photo_rng.below(pool.size()));
            size_t at = std::min(blocks.size(), static_cast<size_t>(2 + k * 3));
            blocks.insert(blocks.begin() + static_cast<std::ptrdiff_t>(at),
                          photo_block(photo_writer, pool[static_cast<size_t>(p)], credit));
            g.photos.push_back(p);
            ++g.inline_photos;
        }
    }

    // Edits on later days: a paragraph rewritten, sometimes the title or the summary, an update note.
    if (auto it = c.plan->edits.find(index); it != c.plan->edits.end()) {
        for (int day : it->second) {
            Rng edit_rng(mix(c.seed, static_cast<uint64_t>(index), mix(StreamEdit, static_cast<uint64_t>(day))));
            Writer edit(v, m.topic, edit_rng);
            std::vector<size_t> paragraphs;
            for (size_t i = 0; i < blocks.size(); ++i)
                if (blocks[i].kind == BodyBlock::Paragraph) paragraphs.push_back(i);
            BodyBlock& target = blocks[paragraphs[edit_rng.below(paragraphs.size())]];
            target.text.clear();
            edit.paragraph(target.text, target.words, true);
            if (edit_rng.chance(30)) a.title = edit.title();
            if (edit_rng.chance(20)) a.summary = edit.summary();
            if (edit_rng.chance(40)) {
                BodyBlock note{BodyBlock::Paragraph, std::string("*") + v.text->update_word + "* ", 30};
                edit.paragraph(note.text, edit_rng.between(15, 40), false);
                blocks.push_back(std::move(note));
            }
            const int64_t created = kDayOneCreated + (day - 1) * kDay;
            int64_t updated = created - 300 - static_cast<int64_t>(edit_rng.below(12 * 3600));
            a.updated = format_iso8601(std::max(updated - updated % 60, m.published + 60));
            g.words += edit.word_count();
        }
    }
    a.body = join_blocks(blocks);

    // Publisher related entries: 0-4, some naming other articles of the channel, some free cards.
    Rng related_rng(mix(c.base_seed, static_cast<uint64_t>(index), StreamRelated));
    Writer card_writer(v, m.topic, related_rng);
    for (int k = 0, n = related_rng.between(0, 4); k < n; ++k) {
        BundleRelated r;
        const int list = related_rng.between(0, 9);
        r.list = list < 8 ? "related" : list == 8 ? "editors_choice" : "popular";
        if (c.day1_articles > 1 && related_rng.chance(60)) {
            int64_t target = static_cast<int64_t>(related_rng.below(static_cast<uint64_t>(c.day1_articles)));
            if (target == index) target = (target + 1) % c.day1_articles;
            const ArticleMeta tm = article_meta(c, target);
            r.target_id = tm.id;
            r.kind = tm.kind;
            r.title = article_title(c, target, tm);
        } else {
            r.kind = kKinds[related_rng.below(4)].first;
            r.title = card_writer.title();
            card_writer.paragraph(r.summary, related_rng.between(15, 30), false);
        }
        g.related.push_back(std::move(r));
    }
    g.words += summary_writer.word_count() + body.word_count() + photo_writer.word_count() + card_writer.word_count();
    return g;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] generate_corpus
// ---------------------------------------------------------------------------------------------

const std::vector<std::string>& corpus_languages() {
    static const std::vector<std::string> codes = [] {
        std::vector<std::string> v;
        for (const auto& t : kLanguages) v.emplace_back(t.code);
        return v;
    }();
    return codes;
}

std::string corpus_word(const std::string& language, int rank) {
    const Vocabulary* v = find_vocabulary(language);
    if (!v || rank < 1 || rank > static_cast<int>(v->words.size())) return {};
    return v->words[static_cast<size_t>(rank - 1)];
}

int corpus_vocabulary_size(const std::string& language) {
    const Vocabulary* v = find_vocabulary(language);
    return v ? static_cast<int>(v->words.size()) : 0;
}

Result<CorpusReport> generate_corpus(const std::string& out_path, const CorpusOptions& options) {
    if (options.articles < 1 || options.articles > BundleLimits{}.max_articles)
        return make_error(ErrorCode::Invalid, "the number of articles must be between 1 and 1000000");
    if (options.sequence < 1 || options.sequence > 10'000)
        return make_error(ErrorCode::Invalid, "the sequence (day number) must be between 1 and 10000");
    if (!(options.change_fraction >= 0 && options.change_fraction <= 1))
        return make_error(ErrorCode::Invalid, "the change fraction must be between 0 and 1");
    if (options.photo_pool < 1 || options.photo_pool > 10'000)
        return make_error(ErrorCode::Invalid, "the photo pool must hold between 1 and 10000 photos");
    if (!is_valid_channel_id(options.channel))
        return make_error(ErrorCode::Invalid, "channel id '" + options.channel +
                                                  "' is not valid (use a-z, 0-9, '.' and '-')");
    const auto progress = [&](const char* phase, int64_t done, int64_t total) {
        if (options.progress) options.progress(phase, done, total);
    };

    Corpus c;
    c.base_seed = options.base_seed ? options.base_seed : options.seed;
    c.seed = options.seed;
    c.day1_articles = options.articles;
    const DayPlan plan = plan_days(options.articles, options.sequence, options.change_fraction, options.seed);
    c.plan = &plan;

    std::vector<BundlePhoto> pool;
    std::vector<std::string> hashes;
    for (int i = 0; i < options.photo_pool; ++i) {
        progress("photos", i, options.photo_pool);
        pool.push_back(make_pool_photo(c.base_seed, i));
        hashes.push_back(pool.back().hash);
    }
    c.photo_hashes = &hashes;

    auto writer = BundleWriter::create(out_path);
    if (!writer) return writer.error();
    CorpusReport report;
    std::vector<uint8_t> used(pool.size(), 0);
    std::map<std::string, int64_t> per_language;
    const int64_t total = static_cast<int64_t>(plan.alive.size());
    for (int64_t i = 0; i < total; ++i) {
        if (i % 256 == 0) progress("articles", i, total);
        if (!plan.alive[static_cast<size_t>(i)]) continue;
        GeneratedArticle g = make_article(c, i);
        TIDINGS_TRY(validate_article(g.article, BundleLimits{}, out_path));
        TIDINGS_TRY(writer->add_article(g.article, g.related));
        for (int p : g.photos) used[static_cast<size_t>(p)] = 1;
        ++report.articles;
        ++per_language[g.article.language];
        report.inline_photos += g.inline_photos;
        report.related += static_cast<int64_t>(g.related.size());
        report.words += g.words;
        if (plan.edits.count(i)) ++report.edited;
        if (plan.added_day[static_cast<size_t>(i)] > 1) ++report.added;
    }
    progress("articles", total, total);
    for (size_t p = 0; p < pool.size(); ++p) {
        if (!used[p] || writer->has_photo(pool[p].hash)) continue;
        TIDINGS_TRY(writer->add_photo(pool[p]));
        ++report.photos;
    }
    pool.clear();
    for (int64_t i : plan.withdrawn_today) {
        TIDINGS_TRY(writer->add_withdrawn(article_meta(c, i).id));
        ++report.withdrawn;
    }

    progress("finishing", 0, 0);
    BundleHeader h;
    h.channel = options.channel;
    h.channel_title = options.channel_title.empty() ? "Synthetic news (" + options.channel + ")" : options.channel_title;
    h.sequence = options.sequence;
    h.kind = BundleKind::Full;
    h.created = format_iso8601(kDayOneCreated + (options.sequence - 1) * kDay);
    h.generator = "tidings-bundle gen-corpus";
    TIDINGS_TRY(writer->finish(h));

    std::error_code ec;
    report.bundle_bytes = static_cast<int64_t>(std::filesystem::file_size(out_path, ec));
    for (const auto& code : corpus_languages())
        if (auto it = per_language.find(code); it != per_language.end()) report.languages.emplace_back(code, it->second);
    return report;
}

} // namespace tidings
