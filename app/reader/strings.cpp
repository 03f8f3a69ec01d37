// The UI string table in five languages, month names, and date formatting.
#include "app/reader/strings.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace tidings::reader {
namespace {

// One row of the table: a key and its text in En, Hy, Az, Ka, Ru order.
struct Row {
    Str key;                           // which string
    std::array<const char*, 5> text;   // translations, by UiLang
};

// clang-format off
constexpr Row kTable[] = {
    {Str::AppName, {"Tidings", "Tidings", "Tidings", "Tidings", "Tidings"}},
    {Str::Home, {"Home", "Գլխավոր", "Ana səhifə", "მთავარი", "Главная"}},
    {Str::Search, {"Search", "Որոնում", "Axtarış", "ძიება", "Поиск"}},
    {Str::Saved, {"Saved", "Պահպանված", "Saxlanılanlar", "შენახული", "Сохранённое"}},
    {Str::History, {"History", "Պատմություն", "Tarixçə", "ისტორია", "История"}},
    {Str::Settings, {"Settings", "Կարգավորումներ", "Ayarlar", "პარამეტრები", "Настройки"}},
    {Str::EditorsChoice, {"Editor's choice", "Խմբագրի ընտրությունը", "Redaktorun seçimi", "რედაქტორის არჩევანი", "Выбор редакции"}},
    {Str::Latest, {"Latest", "Վերջին լուրեր", "Son xəbərlər", "უახლესი", "Последние новости"}},
    {Str::Sections, {"Sections", "Բաժիններ", "Bölmələr", "რუბრიკები", "Разделы"}},
    {Str::AllSections, {"All sections", "Բոլոր բաժինները", "Bütün bölmələr", "ყველა რუბრიკა", "Все разделы"}},
    {Str::AllLanguages, {"All languages", "Բոլոր լեզուները", "Bütün dillər", "ყველა ენა", "Все языки"}},
    {Str::AllArticles, {"All", "Բոլորը", "Hamısı", "ყველა", "Все"}},
    {Str::Back, {"Back", "Հետ", "Geri", "უკან", "Назад"}},
    {Str::Close, {"Close", "Փակել", "Bağla", "დახურვა", "Закрыть"}},
    {Str::Loading, {"Loading…", "Բեռնվում է…", "Yüklənir…", "იტვირთება…", "Загрузка…"}},
    {Str::SetupTitle, {"Setting up your library", "Ձեր գրադարանը պատրաստվում է", "Kitabxananız hazırlanır", "ბიბლიოთეკა მზადდება", "Готовим вашу библиотеку"}},
    {Str::SetupBody, {"Adding the sample articles so you can start reading at once.",
                      "Ավելացվում են օրինակ հոդվածները, որպեսզի անմիջապես սկսեք կարդալ։",
                      "Nümunə məqalələr əlavə olunur ki, dərhal oxumağa başlayasınız.",
                      "ემატება სანიმუშო სტატიები, რომ კითხვა მაშინვე დაიწყოთ.",
                      "Добавляем примеры статей, чтобы вы могли сразу начать читать."}},
    {Str::PhaseChecking, {"Checking the bundle", "Փաթեթը ստուգվում է", "Paket yoxlanılır", "პაკეტი მოწმდება", "Проверяем пакет"}},
    {Str::PhasePhotos, {"Adding photos", "Ավելացվում են լուսանկարները", "Fotolar əlavə olunur", "ემატება ფოტოები", "Добавляем фотографии"}},
    {Str::PhaseArticles, {"Adding articles", "Ավելացվում են հոդվածները", "Məqalələr əlavə olunur", "ემატება სტატიები", "Добавляем статьи"}},
    {Str::PhaseRelated, {"Linking related articles", "Կապվում են առնչվող հոդվածները", "Əlaqəli məqalələr birləşdirilir", "უკავშირდება მსგავსი სტატიები", "Связываем похожие статьи"}},
    {Str::PhaseFinishing, {"Finishing", "Ավարտվում է", "Tamamlanır", "სრულდება", "Завершаем"}},
    {Str::EmptyTitle, {"Your library is empty", "Ձեր գրադարանը դատարկ է", "Kitabxananız boşdur", "თქვენი ბიბლიოთეკა ცარიელია", "Ваша библиотека пуста"}},
    {Str::EmptyHint, {"Plug in a USB stick with a news bundle, or sync when you are online.",
                      "Միացրեք լուրերի փաթեթով USB կրիչ կամ համաժամացրեք, երբ առցանց լինեք։",
                      "Xəbər paketi olan USB yaddaş qurğusunu taxın və ya internetə qoşulanda sinxronlaşdırın.",
                      "შეაერთეთ USB მეხსიერება ახალი ამბების პაკეტით ან მოახდინეთ სინქრონიზაცია, როცა ინტერნეტთან იქნებით.",
                      "Вставьте USB-накопитель с пакетом новостей или синхронизируйтесь, когда будете в сети."}},
    {Str::ErrorTitle, {"Something went wrong", "Ինչ-որ բան սխալ ընթացավ", "Nəsə səhv getdi", "რაღაც შეცდომა მოხდა", "Что-то пошло не так"}},
    {Str::SampleMissing, {"The sample articles were not found beside the program.",
                          "Օրինակ հոդվածները ծրագրի կողքին չգտնվեցին։",
                          "Nümunə məqalələr proqramın yanında tapılmadı.",
                          "სანიმუშო სტატიები პროგრამის გვერდით ვერ მოიძებნა.",
                          "Примеры статей не найдены рядом с программой."}},
    {Str::NothingHere, {"No articles here yet", "Այստեղ դեռ հոդվածներ չկան", "Burada hələ məqalə yoxdur", "აქ ჯერ სტატიები არ არის", "Здесь пока нет статей"}},
    {Str::ArticleGone, {"This article is no longer in your library.", "Այս հոդվածն այլևս ձեր գրադարանում չէ։",
                        "Bu məqalə artıq kitabxananızda yoxdur.", "ეს სტატია აღარ არის თქვენს ბიბლიოთეკაში.",
                        "Этой статьи больше нет в вашей библиотеке."}},
    {Str::By, {"By {}", "Հեղինակ՝ {}", "Müəllif: {}", "ავტორი: {}", "Автор: {}"}},
    {Str::Source, {"Source: {}", "Աղբյուր՝ {}", "Mənbə: {}", "წყარო: {}", "Источник: {}"}},
    {Str::Updated, {"Updated {}", "Թարմացվել է՝ {}", "Yenilənib: {}", "განახლდა: {}", "Обновлено: {}"}},
    {Str::RelatedArticles, {"Related articles", "Առնչվող հոդվածներ", "Əlaqəli məqalələr", "დაკავშირებული სტატიები", "Материалы по теме"}},
    {Str::Popular, {"Popular", "Ամենաընթերցվածները", "Ən çox oxunanlar", "პოპულარული", "Популярное"}},
    {Str::MoreLikeThis, {"More like this", "Նմանատիպ հոդվածներ", "Oxşar məqalələr", "მსგავსი სტატიები", "Похожие статьи"}},
    {Str::NotInLibrary, {"Not in your library yet", "Դեռ ձեր գրադարանում չէ", "Hələ kitabxananızda yoxdur", "ჯერ არ არის თქვენს ბიბლიოთეკაში", "Пока нет в вашей библиотеке"}},
    {Str::MinRead, {"{} min read", "{} րոպե ընթերցանություն", "{} dəq. oxu", "{} წთ საკითხავი", "{} мин чтения"}},
    {Str::Save, {"Save", "Պահպանել", "Saxla", "შენახვა", "Сохранить"}},
    {Str::SavedState, {"Saved", "Պահպանված է", "Saxlanılıb", "შენახულია", "Сохранено"}},
    {Str::Outdated, {"This publisher's newest bundle has expired: the news may be out of date.",
                     "Այս հրատարակչի վերջին փաթեթի ժամկետը լրացել է. լուրերը կարող են հնացած լինել։",
                     "Bu naşirin ən son paketinin müddəti bitib: xəbərlər köhnəlmiş ola bilər.",
                     "ამ გამომცემლის უახლესი პაკეტის ვადა ამოიწურა: ახალი ამბები შეიძლება მოძველებული იყოს.",
                     "Срок последнего пакета этого издателя истёк: новости могут быть устаревшими."}},
    {Str::PhotoLabel, {"Photo", "Լուսանկար", "Foto", "ფოტო", "Фото"}},
    {Str::SearchHint, {"Search articles", "Որոնել հոդվածներում", "Məqalələrdə axtar", "სტატიების ძიება", "Поиск по статьям"}},
    {Str::Titles, {"Titles", "Վերնագրեր", "Başlıqlar", "სათაურები", "Заголовки"}},
    {Str::Results, {"Results", "Արդյունքներ", "Nəticələr", "შედეგები", "Результаты"}},
    {Str::NoResults, {"No articles match “{}”.", "«{}» հարցմանը համապատասխանող հոդված չկա։",
                      "“{}” sorğusuna uyğun məqalə yoxdur.", "„{}“ — შესაბამისი სტატია ვერ მოიძებნა.",
                      "По запросу «{}» ничего не найдено."}},
    {Str::ArticlesCount, {"{} articles", "{} հոդված", "{} məqalə", "{} სტატია", "Статей: {}"}},
    {Str::ResultsNewest, {"Many articles match: newest first.", "Շատ հոդվածներ են համապատասխանում. սկզբում՝ ամենանորերը։",
                          "Çoxlu məqalə uyğun gəlir: əvvəlcə ən yeniləri.", "ბევრი სტატია ემთხვევა: ჯერ უახლესები.",
                          "Совпадений много: сначала новые."}},
    {Str::SearchIntro, {"Type a word or two to search every article in your library.",
                        "Մուտքագրեք մեկ-երկու բառ՝ ձեր գրադարանի բոլոր հոդվածներում որոնելու համար։",
                        "Kitabxananızdakı bütün məqalələrdə axtarmaq üçün bir-iki söz yazın.",
                        "აკრიფეთ ერთი-ორი სიტყვა, რომ მოძებნოთ თქვენი ბიბლიოთეკის ყველა სტატიაში.",
                        "Введите слово-другое, чтобы искать по всем статьям библиотеки."}},
    {Str::Searching, {"Searching…", "Որոնվում է…", "Axtarılır…", "იძებნება…", "Идёт поиск…"}},
    {Str::NoBookmarks, {"Nothing saved yet", "Դեռ ոչինչ պահպանված չէ", "Hələ heç nə saxlanılmayıb", "ჯერ არაფერია შენახული", "Пока ничего не сохранено"}},
    {Str::NoBookmarksHint, {"Tap Save on an article to keep it here.", "Հոդվածն այստեղ պահելու համար սեղմեք «Պահպանել»։",
                            "Məqaləni burada saxlamaq üçün “Saxla” düyməsinə toxunun.",
                            "სტატიის აქ შესანახად შეეხეთ ღილაკს „შენახვა“.",
                            "Нажмите «Сохранить» в статье, и она появится здесь."}},
    {Str::NoHistory, {"No articles read yet", "Դեռ ոչ մի հոդված չեք կարդացել", "Hələ heç bir məqalə oxumamısınız",
                      "ჯერ არცერთი სტატია არ წაგიკითხავთ", "Вы ещё не читали статей"}},
    {Str::NoHistoryHint, {"Articles you open appear here, with how far you read.",
                          "Ձեր բացած հոդվածները հայտնվում են այստեղ՝ նշելով, թե որքան եք կարդացել։",
                          "Açdığınız məqalələr, nə qədər oxuduğunuzla birlikdə, burada görünür.",
                          "აქ ჩანს თქვენ მიერ გახსნილი სტატიები და ისიც, რამდენი წაიკითხეთ.",
                          "Здесь появляются открытые вами статьи и то, сколько вы прочитали."}},
    {Str::ClearHistory, {"Clear history", "Մաքրել պատմությունը", "Tarixçəni təmizlə", "ისტორიის გასუფთავება", "Очистить историю"}},
    {Str::ReadPercent, {"{}% read", "Կարդացված է {}%-ը", "{}% oxunub", "წაკითხულია {}%", "Прочитано {}%"}},
    {Str::TextSize, {"Text size", "Տառաչափ", "Mətn ölçüsü", "ტექსტის ზომა", "Размер текста"}},
    {Str::Theme, {"Appearance", "Տեսք", "Görünüş", "იერსახე", "Оформление"}},
    {Str::Day, {"Day", "Ցերեկ", "Gündüz", "დღე", "День"}},
    {Str::Night, {"Night", "Գիշեր", "Gecə", "ღამე", "Ночь"}},
    {Str::AppLanguage, {"Language of the app", "Հավելվածի լեզուն", "Tətbiqin dili", "აპლიკაციის ენა", "Язык приложения"}},
    {Str::Library, {"Library", "Գրադարան", "Kitabxana", "ბიბლიოთეკა", "Библиотека"}},
    {Str::Channels, {"Channels", "Ալիքներ", "Kanallar", "არხები", "Каналы"}},
    {Str::LibraryFile, {"File", "Ֆայլ", "Fayl", "ფაილი", "Файл"}},
    {Str::TextPreview, {"News reaches you even where the network does not.",
                        "Լուրերը ձեզ հասնում են նույնիսկ այնտեղ, ուր ցանցը չի հասնում։",
                        "Xəbərlər şəbəkənin çatmadığı yerlərdə belə sizə çatır.",
                        "ახალი ამბები თქვენამდე იქაც აღწევს, სადაც ქსელი არ არის.",
                        "Новости доходят до вас даже туда, куда не доходит сеть."}},
    {Str::FontsCredit, {"Fonts: Noto, SIL Open Font License 1.1", "Տառատեսակներ՝ Noto, SIL Open Font License 1.1",
                        "Şriftlər: Noto, SIL Open Font License 1.1", "შრიფტები: Noto, SIL Open Font License 1.1",
                        "Шрифты: Noto, SIL Open Font License 1.1"}},
    {Str::Version, {"Version {}", "Տարբերակ {}", "Versiya {}", "ვერსია {}", "Версия {}"}},
    {Str::ZoomIn, {"Zoom in", "Մեծացնել", "Böyüt", "გადიდება", "Увеличить"}},
    {Str::ZoomOut, {"Zoom out", "Փոքրացնել", "Kiçilt", "დაპატარავება", "Уменьшить"}},
    {Str::FitToScreen, {"Fit to screen", "Հարմարեցնել էկրանին", "Ekrana sığdır", "ეკრანზე მორგება", "По размеру экрана"}},
    {Str::Link, {"Link", "Հղում", "Keçid", "ბმული", "Ссылка"}},
    {Str::CopyLink, {"Copy link", "Պատճենել հղումը", "Keçidi kopyala", "ბმულის კოპირება", "Копировать ссылку"}},
    {Str::OpenLink, {"Open in browser", "Բացել դիտարկիչում", "Brauzerdə aç", "ბრაუზერში გახსნა", "Открыть в браузере"}},
    {Str::Copied, {"Copied", "Պատճենված է", "Kopyalandı", "დაკოპირდა", "Скопировано"}},
    {Str::LinkOffline, {"This link leads outside your library and needs a network connection.",
                        "Այս հղումը տանում է ձեր գրադարանից դուրս և ցանցային կապ է պահանջում։",
                        "Bu keçid kitabxananızdan kənara aparır və şəbəkə bağlantısı tələb edir.",
                        "ეს ბმული თქვენი ბიბლიოთეკის გარეთ მიდის და ქსელთან კავშირს საჭიროებს.",
                        "Эта ссылка ведёт за пределы библиотеки, для неё нужна сеть."}},
    {Str::LibraryUpdated, {"Library updated", "Գրադարանը թարմացվեց", "Kitabxana yeniləndi", "ბიბლიოთეკა განახლდა", "Библиотека обновлена"}},
    {Str::MoreResults, {"More results", "Այլ արդյունքներ", "Daha çox nəticə", "მეტი შედეგი", "Ещё результаты"}},
    {Str::Bookmarks, {"Bookmarks", "Էջանիշներ", "Əlfəcinlər", "სანიშნეები", "Закладки"}},
    {Str::About, {"About", "Ծրագրի մասին", "Haqqında", "პროგრამის შესახებ", "О программе"}},
    {Str::TrustedKey, {"Signed with key {}", "Ստորագրված է {} բանալիով", "{} açarı ilə imzalanıb",
                       "ხელმოწერილია გასაღებით {}", "Подписано ключом {}"}},
    {Str::NoTrustedKey, {"No trusted key: its bundles are refused", "Վստահելի բանալի չկա․ փաթեթները մերժվում են",
                         "Etibarlı açar yoxdur: paketləri qəbul edilmir", "სანდო გასაღები არ არის: პაკეტები უარყოფილია",
                         "Нет доверенного ключа: пакеты отклоняются"}},
    {Str::ConflictAlert, {"Warning: two different bundles carry the same number. The publisher's key may be "
                          "compromised; nothing was changed. Tell the publisher.",
                          "Ուշադրություն․ երկու տարբեր փաթեթ ունեն նույն համարը։ Հրատարակչի բանալին կարող է "
                          "վտանգված լինել, ոչինչ չի փոխվել։ Տեղեկացրեք հրատարակչին։",
                          "Diqqət: iki fərqli paket eyni nömrəni daşıyır. Nəşriyyatın açarı ələ keçirilmiş ola "
                          "bilər; heç nə dəyişdirilmədi. Nəşriyyata xəbər verin.",
                          "ყურადღება: ორ სხვადასხვა პაკეტს ერთი და იგივე ნომერი აქვს. გამომცემლის გასაღები "
                          "შესაძლოა გატეხილია; არაფერი შეცვლილა. აცნობეთ გამომცემელს.",
                          "Внимание: два разных пакета несут один и тот же номер. Ключ издателя может быть "
                          "скомпрометирован; ничего не изменено. Сообщите издателю."}},
    {Str::Language, {"Language", "Լեզու", "Dil", "ენა", "Язык"}},
    {Str::TouchToStart, {"Touch the screen to start", "Սկսելու համար հպեք էկրանին", "Başlamaq üçün ekrana toxunun", "დასაწყებად შეეხეთ ეკრანს", "Коснитесь экрана, чтобы начать"}},
    {Str::ChooseLanguage, {"Choose your language", "Ընտրեք ձեր լեզուն", "Dilinizi seçin", "აირჩიეთ ენა", "Выберите язык"}},
    {Str::StaffOnly, {"Staff only", "Միայն աշխատակիցների համար", "Yalnız işçilər üçün", "მხოლოდ თანამშრომლებისთვის", "Для сотрудников"}},
    {Str::EnterPin, {"Staff PIN", "Աշխատակցի PIN կոդ", "İşçi PIN kodu", "თანამშრომლის PIN კოდი", "PIN-код сотрудника"}},
    {Str::WrongPin, {"Wrong PIN. Try again.", "Սխալ PIN կոդ։ Փորձեք կրկին։", "PIN kod səhvdir. Yenidən cəhd edin.", "PIN კოდი არასწორია. სცადეთ ხელახლა.", "Неверный PIN-код. Попробуйте ещё раз."}},
    {Str::PinLocked, {"Too many wrong tries. Wait {} seconds.", "Չափազանց շատ սխալ փորձեր։ Սպասեք {} վայրկյան։", "Həddən çox səhv cəhd. {} saniyə gözləyin.", "მეტისმეტად ბევრი არასწორი მცდელობა. დაელოდეთ {} წამი.", "Слишком много неверных попыток. Подождите {} с."}},
    {Str::Checking, {"Checking…", "Ստուգվում է…", "Yoxlanılır…", "მოწმდება…", "Проверка…"}},
    {Str::NoPinSet, {"No staff PIN is set. On this computer, run: tidings --kiosk-pin-set", "Աշխատակցի PIN կոդ սահմանված չէ։ Այս համակարգչում գործարկեք՝ tidings --kiosk-pin-set", "İşçi PIN kodu təyin edilməyib. Bu kompüterdə icra edin: tidings --kiosk-pin-set", "თანამშრომლის PIN კოდი არ არის დაყენებული. ამ კომპიუტერზე გაუშვით: tidings --kiosk-pin-set", "PIN-код сотрудника не задан. На этом компьютере выполните: tidings --kiosk-pin-set"}},
    {Str::KioskAdmin, {"Kiosk settings", "Կիոսկի կարգավորումներ", "Kiosk ayarları", "კიოსკის პარამეტრები", "Настройки киоска"}},
    {Str::BackToVisitors, {"Back to the kiosk", "Վերադառնալ կիոսկին", "Kioska qayıt", "კიოსკზე დაბრუნება", "Вернуться в киоск"}},
    {Str::LeaveKiosk, {"Leave kiosk mode", "Դուրս գալ կիոսկի ռեժիմից", "Kiosk rejimindən çıx", "კიოსკის რეჟიმიდან გასვლა", "Выйти из режима киоска"}},
    {Str::CloseApp, {"Close the app", "Փակել հավելվածը", "Tətbiqi bağla", "აპლიკაციის დახურვა", "Закрыть приложение"}},
    {Str::IdleReset, {"Start over when idle for", "Սկսել նորից անգործությունից հետո", "Boş qaldıqda yenidən başla", "უმოქმედობისას თავიდან დაწყება", "Начинать заново после простоя"}},
    {Str::Minutes, {"{} min", "{} րոպե", "{} dəq.", "{} წთ", "{} мин"}},
    {Str::AttractScreen, {"Welcome screen when idle", "Ողջույնի էկրան անգործության ժամանակ", "Boş qaldıqda salamlama ekranı", "მისასალმებელი ეკრანი უმოქმედობისას", "Приветственный экран при простое"}},
    {Str::On, {"On", "Միացված", "Açıq", "ჩართული", "Вкл."}},
    {Str::Off, {"Off", "Անջատված", "Bağlı", "გამორთული", "Выкл."}},
    {Str::VisitorLanguage, {"Language for each new visitor", "Լեզուն յուրաքանչյուր նոր այցելուի համար", "Hər yeni ziyarətçi üçün dil", "ენა ყოველი ახალი ვიზიტორისთვის", "Язык для каждого нового посетителя"}},
    {Str::UsageCounts, {"Usage (counts only, nothing about a person)", "Օգտագործում (միայն քանակներ, ոչինչ անձի մասին)", "İstifadə (yalnız saylar, şəxs haqqında heç nə)", "გამოყენება (მხოლოდ რაოდენობები, არაფერი პიროვნებაზე)", "Использование (только количества, ничего о людях)"}},
    {Str::Visits, {"Visits", "Այցելություններ", "Ziyarətlər", "ვიზიტები", "Посещения"}},
    {Str::ArticlesOpened, {"Articles opened", "Բացված հոդվածներ", "Açılmış məqalələr", "გახსნილი სტატიები", "Открыто статей"}},
    {Str::Searches, {"Searches", "Որոնումներ", "Axtarışlar", "ძიებები", "Поиски"}},
    {Str::SearchesEmpty, {"Searches that found nothing", "Անարդյունք որոնումներ", "Nəticəsiz axtarışlar", "უშედეგო ძიებები", "Поиски без результата"}},
    {Str::KioskMode, {"Kiosk mode", "Կիոսկի ռեժիմ", "Kiosk rejimi", "კიოსკის რეჟიმი", "Режим киоска"}},
    {Str::StartKiosk, {"Start kiosk mode", "Միացնել կիոսկի ռեժիմը", "Kiosk rejimini başlat", "კიოსკის რეჟიმის ჩართვა", "Включить режим киоска"}},
    {Str::KioskHint, {"Full screen for visitors, starting over when idle; only staff with the PIN can leave it.", "Ամբողջ էկրան այցելուների համար, որը անգործությունից հետո սկսվում է նորից. դուրս գալ կարող են միայն PIN կոդն իմացող աշխատակիցները։", "Ziyarətçilər üçün tam ekran, boş qaldıqda yenidən başlayır; yalnız PIN kodu bilən işçilər çıxa bilər.", "სრული ეკრანი ვიზიტორებისთვის, რომელიც უმოქმედობისას თავიდან იწყება; გასვლა მხოლოდ PIN კოდის მცოდნე თანამშრომლებს შეუძლიათ.", "Полный экран для посетителей, который начинается заново при простое; выйти могут только сотрудники, знающие PIN-код."}},
    {Str::KioskLinkNote, {"Links to other websites cannot be opened on this kiosk.", "Այս կիոսկում այլ կայքերի հղումները չեն բացվում։", "Bu kioskda başqa saytlara keçidlər açılmır.", "ამ კიოსკზე სხვა ვებგვერდების ბმულები არ იხსნება.", "На этом киоске ссылки на другие сайты не открываются."}},
    {Str::Done, {"Done", "Պատրաստ է", "Hazır", "მზადაა", "Готово"}},
    {Str::TapToRead, {"Tap to read", "Հպեք՝ կարդալու համար", "Oxumaq üçün toxunun", "შეეხეთ წასაკითხად", "Коснитесь, чтобы читать"}},
    {Str::Unlock, {"Unlock", "Բացել", "Aç", "გახსნა", "Войти"}},
    {Str::Cancel, {"Cancel", "Չեղարկել", "Ləğv et", "გაუქმება", "Отмена"}},
    {Str::SyncUpdates, {"Updates", "Թարմացումներ", "Yeniləmələr", "განახლებები", "Обновления"}},
    {Str::SyncServer, {"News server address", "Լուրերի սերվերի հասցեն", "Xəbər serverinin ünvanı", "ახალი ამბების სერვერის მისამართი", "Адрес сервера новостей"}},
    {Str::SyncNow, {"Update now", "Թարմացնել հիմա", "İndi yenilə", "ახლავე განახლება", "Обновить сейчас"}},
    {Str::SyncEvery, {"Check the server", "Ստուգել սերվերը", "Serveri yoxla", "სერვერის შემოწმება", "Проверять сервер"}},
    {Str::SyncOff, {"Never", "Երբեք", "Heç vaxt", "არასდროს", "Никогда"}},
    {Str::SyncHours, {"every {} h", "{} ժամը մեկ", "hər {} saat", "ყოველ {} სთ", "каждые {} ч"}},
    {Str::SyncFrom, {"Updating from {}", "Թարմացում՝ {}", "{} mənbəyindən yenilənir", "განახლება: {}", "Обновление: {}"}},
    {Str::SyncDone, {"Update finished", "Թարմացումն ավարտվեց", "Yeniləmə başa çatdı", "განახლება დასრულდა", "Обновление завершено"}},
    {Str::SyncFailed, {"The update did not finish", "Թարմացումը չավարտվեց", "Yeniləmə başa çatmadı", "განახლება ვერ დასრულდა", "Обновление не завершено"}},
    {Str::SyncCancel, {"Cancel", "Չեղարկել", "Ləğv et", "გაუქმება", "Отменить"}},
    {Str::SyncCancelled, {"Cancelled. Nothing was lost: the next update goes on from here.", "Չեղարկվեց։ Ոչինչ չի կորել․ հաջորդ թարմացումը կշարունակի այստեղից։", "Ləğv edildi. Heç nə itmədi: növbəti yeniləmə buradan davam edəcək.", "გაუქმდა. არაფერი დაკარგულა: შემდეგი განახლება აქედან გაგრძელდება.", "Отменено. Ничего не потеряно: следующее обновление продолжит отсюда."}},
    {Str::SyncNew, {"{} new articles", "{} նոր հոդված", "{} yeni məqalə", "{} ახალი სტატია", "новых статей: {}"}},
    {Str::SyncUpdatedN, {"{} updated", "{} թարմացված", "{} yenilənmiş", "{} განახლებული", "обновлено: {}"}},
    {Str::SyncWithdrawn, {"{} withdrawn", "{} հանված", "{} geri çəkilmiş", "{} მოხსნილი", "отозвано: {}"}},
    {Str::SyncLeft, {"about {} left", "մնաց մոտ {}", "təxminən {} qaldı", "დარჩა დაახლ. {}", "осталось около {}"}},
    {Str::SyncPhaseIndex, {"Reading what is new", "Կարդում ենք՝ ինչ է նոր", "Yeniliklər oxunur", "ვკითხულობთ სიახლეებს", "Смотрим, что нового"}},
    {Str::SyncPhaseDownload, {"Copying", "Պատճենվում է", "Kopyalanır", "კოპირება", "Копируем"}},
    {Str::SyncPhaseVerify, {"Checking the signature", "Ստորագրությունը ստուգվում է", "İmza yoxlanılır", "ხელმოწერა მოწმდება", "Проверяем подпись"}},
    {Str::UsbFound, {"{} holds news for this library.", "{}-ում կան լուրեր այս գրադարանի համար։", "{} bu kitabxana üçün xəbərlər saxlayır.", "{} შეიცავს ახალ ამბებს ამ ბიბლიოთეკისთვის.", "На {} есть новости для этой библиотеки."}},
    {Str::SyncLast, {"Last update: {}", "Վերջին թարմացումը՝ {}", "Son yeniləmə: {}", "ბოლო განახლება: {}", "Последнее обновление: {}"}},
    {Str::NotNow, {"Not now", "Ոչ հիմա", "İndi yox", "ახლა არა", "Не сейчас"}},
    {Str::SyncUpToDate, {"Already up to date", "Արդեն թարմ է", "Artıq yenidir", "უკვე განახლებულია", "Уже актуально"}},
    {Str::SyncNewOne, {"{} new article", "{} նոր հոդված", "{} yeni məqalə", "{} ახალი სტატია", "новых статей: {}"}},
    {Str::SyncFromSource, {"from {}", "աղբյուրը՝ {}", "mənbə: {}", "წყარო: {}", "источник: {}"}},
    {Str::UsbStick, {"USB stick {}", "USB կրիչ {}", "USB yaddaş {}", "USB მეხსიერება {}", "USB-накопитель {}"}},
    {Str::UsbCannot, {"{} holds news this library cannot use:", "{}-ում կան լուրեր, որոնք այս գրադարանը չի կարող ընդունել․", "{} bu kitabxananın qəbul edə bilmədiyi xəbərlər saxlayır:", "{} შეიცავს ახალ ამბებს, რომლებსაც ეს ბიბლიოთეკა ვერ მიიღებს:", "На {} есть новости, которые эта библиотека не может принять:"}},
    {Str::SyncPhaseDownloadNet, {"Downloading", "Ներբեռնվում է", "Endirilir", "ჩამოტვირთვა", "Загружаем"}},
    {Str::SyncCancelledTitle, {"Update cancelled", "Թարմացումը չեղարկվեց", "Yeniləmə ləğv edildi", "განახლება გაუქმდა", "Обновление отменено"}},
    {Str::KioskStickUpdates, {"Updates from a USB stick", "Թարմացումներ USB կրիչից", "USB yaddaşdan yeniləmələr", "განახლებები USB მეხსიერებიდან", "Обновления с USB-накопителя"}},
    {Str::KioskUsageWritten, {"{}: usage counts written to it", "{}. օգտագործման քանակները գրվեցին դրա վրա", "{}: istifadə sayları ona yazıldı", "{}: გამოყენების რაოდენობები მასზე ჩაიწერა", "{}: счётчики использования записаны на него"}},
    {Str::KioskUsageNotWritten, {"{}: usage counts could not be written:", "{}. օգտագործման քանակները չհաջողվեց գրել․", "{}: istifadə saylarını yazmaq alınmadı:", "{}: გამოყენების რაოდენობების ჩაწერა ვერ მოხერხდა:", "{}: не удалось записать счётчики использования:"}},
    {Str::KioskStickHint, {"Plug in a USB stick with this kiosk's channel: its news is applied without questions (signatures are still checked) and the usage counts are written to it.", "Միացրեք այս կիոսկի ալիքով USB կրիչ․ դրա լուրերը կընդունվեն առանց հարցերի (ստորագրությունները ստուգվում են), և օգտագործման քանակները կգրվեն դրա վրա։", "Bu kioskun kanalı olan USB yaddaşı taxın: xəbərləri sualsız qəbul ediləcək (imzalar yenə yoxlanılır) və istifadə sayları ona yazılacaq.", "შეაერთეთ USB მეხსიერება ამ კიოსკის არხით: მისი ახალი ამბები კითხვების გარეშე მიიღება (ხელმოწერები მაინც მოწმდება) და გამოყენების რაოდენობები მასზე ჩაიწერება.", "Вставьте USB-накопитель с каналом этого киоска: новости с него будут приняты без вопросов (подписи всё равно проверяются), а счётчики использования записаны на него."}},
    {Str::SyncWhyUnavailable, {"The source could not be reached or broke off. What was copied in full is kept; it can be tried again later.", "Աղբյուրը հասանելի չէր կամ կապը ընդհատվեց։ Ամբողջությամբ պատճենվածը պահպանվում է, կարելի է կրկին փորձել ավելի ուշ։", "Mənbəyə çatmaq olmadı və ya əlaqə kəsildi. Tam köçürülənlər saxlanılır; sonra yenidən cəhd etmək olar.", "წყარო მიუწვდომელი იყო ან კავშირი გაწყდა. სრულად გადმოწერილი ინახება; მოგვიანებით შეგიძლიათ ისევ სცადოთ.", "Источник недоступен или связь прервалась. Полностью скопированное сохранено; можно попробовать позже."}},
    {Str::SyncWhyRefused, {"The update was refused, so it was not applied.", "Թարմացումը մերժվեց, ուստի այն չի կիրառվել։", "Yeniləmə rədd edildi, ona görə tətbiq olunmadı.", "განახლება უარყოფილია, ამიტომ არ იქნა გამოყენებული.", "Обновление отклонено и не применено."}},
    {Str::SyncWhyConflict, {"Two different updates claim the same place: the channel's key may be in the wrong hands. It was not applied; tell the publisher.", "Երկու տարբեր թարմացումներ նույն տեղն են պահանջում. ալիքի բանալին կարող է սխալ ձեռքերում լինել։ Այն չի կիրառվել, տեղեկացրեք հրատարակչին։", "İki fərqli yeniləmə eyni yeri iddia edir: kanalın açarı yanlış əllərdə ola bilər. Tətbiq olunmadı; naşirə xəbər verin.", "ორი განსხვავებული განახლება ერთსა და იმავე ადგილს იკავებს: არხის გასაღები შესაძლოა არასწორ ხელშია. არ იქნა გამოყენებული; აცნობეთ გამომცემელს.", "Два разных обновления претендуют на одно место: ключ канала может быть в чужих руках. Обновление не применено; сообщите издателю."}},
    {Str::SyncWhyDamaged, {"The update is damaged or is not a Tidings update, so it was not applied.", "Թարմացումը վնասված է կամ Tidings-ի թարմացում չէ, ուստի այն չի կիրառվել։", "Yeniləmə zədəlidir və ya Tidings yeniləməsi deyil, ona görə tətbiq olunmadı.", "განახლება დაზიანებულია ან Tidings-ის განახლება არ არის, ამიტომ არ იქნა გამოყენებული.", "Обновление повреждено или не является обновлением Tidings и не применено."}},
    {Str::SyncWhyTooNew, {"The update needs a newer version of Tidings, so it was not applied.", "Թարմացման համար անհրաժեշտ է Tidings-ի ավելի նոր տարբերակ, ուստի այն չի կիրառվել։", "Yeniləmə üçün Tidings-in daha yeni versiyası lazımdır, ona görə tətbiq olunmadı.", "განახლებას Tidings-ის უფრო ახალი ვერსია სჭირდება, ამიტომ არ იქნა გამოყენებული.", "Для обновления нужна более новая версия Tidings; оно не применено."}},
    {Str::SyncWhyNotFound, {"No news was found there.", "Այնտեղ լուրեր չգտնվեցին։", "Orada xəbər tapılmadı.", "იქ ახალი ამბები ვერ მოიძებნა.", "Там не нашлось новостей."}},
    {Str::SyncWhyIo, {"A file could not be read or written (a pulled stick, a full disk?). Nothing was left half-applied.", "Ֆայլը չհաջողվեց կարդալ կամ գրել (հանված կրիչ, լցված սկավառակ՞)։ Ոչինչ կիսատ չի կիրառվել։", "Fayl oxuna və ya yazıla bilmədi (çıxarılmış yaddaş, dolu disk?). Heç nə yarımçıq tətbiq olunmadı.", "ფაილის წაკითხვა ან ჩაწერა ვერ მოხერხდა (ამოღებული მეხსიერება, სავსე დისკი?). არაფერი დარჩა ნახევრად გამოყენებული.", "Не удалось прочитать или записать файл (вынут накопитель, диск заполнен?). Ничего не применено наполовину."}},
    {Str::SyncWhyOther, {"Something went wrong. Nothing was left half-applied.", "Ինչ-որ բան սխալ ընթացավ։ Ոչինչ կիսատ չի կիրառվել։", "Nə isə səhv getdi. Heç nə yarımçıq tətbiq olunmadı.", "რაღაც შეცდომა მოხდა. არაფერი დარჩა ნახევრად გამოყენებული.", "Что-то пошло не так. Ничего не применено наполовину."}},
};
// clang-format on

constexpr bool table_in_order() {
    if (sizeof kTable / sizeof kTable[0] != static_cast<size_t>(kStrCount)) return false;
    for (int i = 0; i < kStrCount; ++i)
        if (static_cast<int>(kTable[i].key) != i) return false;
    return true;
}
static_assert(table_in_order(), "kTable must list every Str key once, in enum order");

// Month names as they appear in a date (genitive where the language needs it).
constexpr std::array<std::array<const char*, 12>, 5> kMonths = {{
    {"January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"},
    {"հունվարի", "փետրվարի", "մարտի", "ապրիլի", "մայիսի", "հունիսի", "հուլիսի", "օգոստոսի",
     "սեպտեմբերի", "հոկտեմբերի", "նոյեմբերի", "դեկտեմբերի"},
    {"yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr",
     "noyabr", "dekabr"},
    {"იანვარი", "თებერვალი", "მარტი", "აპრილი", "მაისი", "ივნისი", "ივლისი", "აგვისტო",
     "სექტემბერი", "ოქტომბერი", "ნოემბერი", "დეკემბერი"},
    {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
     "октября", "ноября", "декабря"},
}};

constexpr std::array<const char*, 5> kCodes = {"en", "hy", "az", "ka", "ru"};
constexpr std::array<const char*, 5> kNativeNames = {"English", "Հայերեն", "Azərbaycanca", "ქართული",
                                                     "Русский"};

int digits(std::string_view s, size_t at, size_t n) {
    if (at + n > s.size()) return -1;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

} // namespace

const char* tr(Str key, UiLang lang) {
    int k = static_cast<int>(key);
    if (k < 0 || k >= kStrCount) return "";
    return kTable[k].text[static_cast<size_t>(lang)];
}

std::string trf(Str key, UiLang lang, std::string_view arg) {
    std::string s = tr(key, lang);
    if (auto at = s.find("{}"); at != std::string::npos) s.replace(at, 2, arg);
    return s;
}

const char* ui_lang_code(UiLang lang) { return kCodes[static_cast<size_t>(lang)]; }

std::optional<UiLang> ui_lang_from_code(std::string_view code) {
    if (code.size() < 2) return std::nullopt;
    std::string_view two = code.substr(0, 2);
    if (code.size() > 2 && code[2] != '_' && code[2] != '-' && code[2] != '.') return std::nullopt;
    for (int i = 0; i < kUiLangCount; ++i)
        if (two == kCodes[static_cast<size_t>(i)]) return static_cast<UiLang>(i);
    return std::nullopt;
}

const char* ui_lang_native_name(UiLang lang) { return kNativeNames[static_cast<size_t>(lang)]; }

std::string content_language_name(std::string_view code) {
    if (auto l = ui_lang_from_code(code); l && code.size() == 2) return ui_lang_native_name(*l);
    return std::string(code);
}

namespace {

// Units of size and time per language, in UiLang order.
struct Units {
    const char* bytes;
    const char* kb;
    const char* mb;
    const char* gb;
    const char* s;
    const char* min;
    const char* h;
};
constexpr Units kUnits[kUiLangCount] = {
    {"bytes", "kB", "MB", "GB", "s", "min", "h"},
    {"բայթ", "կԲ", "ՄԲ", "ԳԲ", "վ", "ր", "ժ"},
    {"bayt", "KB", "MB", "GB", "san", "dəq", "saat"},
    {"ბაიტი", "კბ", "მბ", "გბ", "წმ", "წთ", "სთ"},
    {"байт", "КБ", "МБ", "ГБ", "с", "мин", "ч"},
};

// "1.4" or, outside English, "1,4".
std::string decimal(double v, int places, UiLang lang) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", places, v);
    std::string out(buf);
    if (lang != UiLang::En)
        for (char& c : out)
            if (c == '.') c = ',';
    return out;
}

} // namespace

std::string format_size(int64_t bytes, UiLang lang) {
    const Units& u = kUnits[static_cast<int>(lang)];
    if (bytes < 1000) return std::to_string(bytes) + " " + u.bytes;
    if (bytes < 1000 * 1000) return decimal(double(bytes) / 1e3, 0, lang) + " " + u.kb;
    if (bytes < 1000LL * 1000 * 1000) return decimal(double(bytes) / 1e6, 1, lang) + " " + u.mb;
    return decimal(double(bytes) / 1e9, 2, lang) + " " + u.gb;
}

std::string format_duration(double seconds, UiLang lang) {
    const Units& u = kUnits[static_cast<int>(lang)];
    if (seconds < 59.5) return std::to_string(std::max(1, static_cast<int>(std::lround(seconds)))) + " " + u.s;
    if (seconds < 3570) return std::to_string(static_cast<int>(std::lround(seconds / 60))) + " " + u.min;
    return decimal(seconds / 3600, 1, lang) + " " + u.h;
}

std::string format_date(std::string_view iso, UiLang lang) {
    int y = digits(iso, 0, 4), m = digits(iso, 5, 2), d = digits(iso, 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31 || iso[4] != '-' || iso[7] != '-')
        return std::string(iso);
    const char* month = kMonths[static_cast<size_t>(lang)][static_cast<size_t>(m - 1)];
    char buf[96];
    switch (lang) {
    case UiLang::Hy: std::snprintf(buf, sizeof buf, "%d թ. %s %d", y, month, d); break;
    case UiLang::Ka: std::snprintf(buf, sizeof buf, "%d %s, %d", d, month, y); break;
    default: std::snprintf(buf, sizeof buf, "%d %s %d", d, month, y); break;
    }
    return buf;
}

std::string all_ui_text() {
    std::string all;
    for (const Row& r : kTable)
        for (const char* t : r.text) {
            all += t;
            all += '\n';
        }
    for (const auto& months : kMonths)
        for (const char* m : months) {
            all += m;
            all += ' ';
        }
    for (const char* n : kNativeNames) all += n;
    for (const Units& u : kUnits)
        for (const char* w : {u.bytes, u.kb, u.mb, u.gb, u.s, u.min, u.h}) {
            all += w;
            all += ' ';
        }
    all += "0123456789 .,:;!?%()[]{}«»“”„‘’'\"-–—…•·×+/#@&*|<>_=~";
    return all;
}

} // namespace tidings::reader
