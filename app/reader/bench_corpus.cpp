// A synthetic corpus for the benchmark: N articles in five languages with shared photos and
// related lists, written with the core's BundleWriter and applied like any bundle.
#include "app/reader/bench_corpus.h"

#include "core/bundle_apply.h"
#include "core/bundle_writer.h"
#include "core/hash.h"
#include "core/image.h"

#include <cstdio>
#include <filesystem>
#include <random>

namespace tidings::reader {

namespace {

// A few words per language, enough for titles and bodies that look like text.
const std::vector<std::vector<const char*>> kWords = {
    {"peace", "talks", "border", "region", "meeting", "ministers", "agreement", "village", "water", "road", "school",
     "market", "election", "winter", "harvest", "bridge", "council", "report", "families", "workers", "trade", "mountain",
     "river", "museum", "festival", "students", "doctors", "energy", "railway", "weather"},
    {"խաղաղություն", "սահման", "տարածաշրջան", "հանդիպում", "համաձայնագիր", "գյուղ", "ջուր", "ճանապարհ", "դպրոց",
     "շուկա", "ընտրություններ", "ձմեռ", "բերք", "կամուրջ", "խորհուրդ", "զեկույց", "ընտանիքներ", "առևտուր", "լեռ", "գետ"},
    {"sülh", "sərhəd", "region", "görüş", "razılaşma", "kənd", "su", "yol", "məktəb", "bazar", "seçki", "qış", "məhsul",
     "körpü", "şura", "hesabat", "ailələr", "ticarət", "dağ", "çay", "əməkdaşlıq", "gənclər"},
    {"მშვიდობა", "საზღვარი", "რეგიონი", "შეხვედრა", "შეთანხმება", "სოფელი", "წყალი", "გზა", "სკოლა", "ბაზარი",
     "არჩევნები", "ზამთარი", "მოსავალი", "ხიდი", "საბჭო", "ანგარიში", "ოჯახები", "ვაჭრობა", "მთა", "მდინარე"},
    {"мир", "переговоры", "граница", "регион", "встреча", "соглашение", "деревня", "вода", "дорога", "школа", "рынок",
     "выборы", "зима", "урожай", "мост", "совет", "доклад", "семьи", "торговля", "горы", "река", "ёлка"},
};
const char* kLangs[] = {"en", "hy", "az", "ka", "ru"};
const char* kSections[] = {"South Caucasus", "Europe", "Economy", "Culture", "Environment", "Science",
                           "Society", "Sport", "Health", "Education", "Politics", "Opinion"};
const char* kKinds[] = {"News", "Analysis", "Interview", "Opinion", "Feature"};

std::string words(std::mt19937& rng, int lang, int n, bool capital) {
    const auto& w = kWords[static_cast<size_t>(lang)];
    std::string s;
    for (int i = 0; i < n; ++i) {
        if (i) s += ' ';
        std::string word = w[rng() % w.size()];
        if (capital && i == 0 && !word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 32);
        s += word;
    }
    return s;
}

// A photo with a gradient and a few bands, so thumbnails differ.
BundlePhoto make_photo(int seed) {
    Image img;
    img.width = 960;
    img.height = 640;
    img.channels = 3;
    img.pixels.resize(static_cast<size_t>(img.width) * static_cast<size_t>(img.height) * 3);
    std::mt19937 rng(static_cast<unsigned>(seed * 7919 + 1));
    int r0 = static_cast<int>(rng() % 200), g0 = static_cast<int>(rng() % 200), b0 = static_cast<int>(rng() % 200);
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            size_t i = (static_cast<size_t>(y) * static_cast<size_t>(img.width) + static_cast<size_t>(x)) * 3;
            int band = ((x / 120) + (y / 160) + seed) % 3;
            img.pixels[i] = static_cast<uint8_t>((r0 + x / 8 + band * 20) % 256);
            img.pixels[i + 1] = static_cast<uint8_t>((g0 + y / 6 + band * 10) % 256);
            img.pixels[i + 2] = static_cast<uint8_t>((b0 + (x + y) / 12) % 256);
        }
    BundlePhoto p;
    p.data = encode_jpeg(img, 80);
    p.width = img.width;
    p.height = img.height;
    Image thumb = fit_within(img, 400, 400);
    p.thumb = encode_jpeg(thumb, 75);
    p.thumb_width = thumb.width;
    p.thumb_height = thumb.height;
    p.hash = sha256_hex(p.data);
    p.caption = "Photo " + std::to_string(seed);
    p.credit = "Tidings benchmark";
    return p;
}

} // namespace

Result<int64_t> generate_corpus(const std::string& library_path, int count, const std::function<void(const std::string&)>& say) {
    auto lib = Library::open(library_path);
    if (!lib) return lib.error();
    if (auto n = lib->article_count(); n && n.value() >= count) return n.value();
    std::string bundle = library_path + ".bench.tidings";
    {
        auto w = BundleWriter::create(bundle);
        if (!w) return w.error();
        std::vector<BundlePhoto> photos;
        for (int i = 0; i < 48; ++i) {
            photos.push_back(make_photo(i));
            TIDINGS_TRY(w->add_photo(photos.back()));
        }
        std::mt19937 rng(12345);
        for (int i = 0; i < count; ++i) {
            int lang = static_cast<int>(rng() % 5);
            BundleArticle a;
            a.id = "bench-" + std::to_string(i);
            a.title = words(rng, lang, 5 + static_cast<int>(rng() % 6), true);
            a.language = kLangs[lang];
            a.section = kSections[rng() % 12];
            a.kind = kKinds[rng() % 5];
            int day = static_cast<int>(rng() % (5 * 365));
            char date[32];
            std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2020 + day / 365, 1 + (day % 365) / 31 % 12, 1 + day % 28);
            a.published = date;
            a.authors = "Bench Author";
            a.source_name = "bench.example";
            a.summary = words(rng, lang, 22, true) + ".";
            std::string body;
            int paras = 4 + static_cast<int>(rng() % 5);
            for (int k = 0; k < paras; ++k) {
                if (k == 2) body += "## " + words(rng, lang, 4, true) + "\n\n";
                body += words(rng, lang, 30 + static_cast<int>(rng() % 30), true) + ".\n\n";
            }
            a.body = body;
            if (rng() % 10 < 7) {
                const BundlePhoto& p = photos[rng() % photos.size()];
                a.photo = p.hash;
                a.photo_caption = p.caption;
                a.photo_credit = p.credit;
            }
            if (rng() % 100 == 0) a.flags |= ArticleEditorsChoice;
            std::vector<BundleRelated> rel;
            if (i > 10 && rng() % 4 == 0) {
                BundleRelated r;
                r.article_id = a.id;
                r.list = "related";
                r.target_id = "bench-" + std::to_string(rng() % static_cast<unsigned>(i));
                rel.push_back(r);
            }
            TIDINGS_TRY(w->add_article(a, rel));
            if (say && (i + 1) % 10000 == 0) say("generated " + std::to_string(i + 1) + " articles");
        }
        BundleHeader h;
        h.channel = "bench";
        h.channel_title = "Benchmark corpus";
        h.sequence = 1;
        h.created = "2026-01-01T00:00:00Z";
        h.expires = "2100-01-01T00:00:00Z";
        h.generator = "tidings --bench";
        TIDINGS_TRY(w->finish(h));
    }
    if (say) say("applying the bundle to " + library_path);
    ApplyOptions opts;
    std::string last;
    opts.progress = [&](const ApplyProgress& p) {
        if (say && p.phase != last) {
            last = p.phase;
            say(std::string("  ") + p.phase);
        }
    };
    auto r = apply_bundle(lib.value(), bundle, opts);
    std::error_code ec;
    std::filesystem::remove(bundle, ec);
    if (!r) return r.error();
    auto n = lib->article_count();
    if (!n) return n.error();
    return n.value();
}

} // namespace tidings::reader
