// SPDX-License-Identifier: GPL-3.0-or-later
// Every colour role reaches WCAG AA (4.5:1) in the light and the dark theme, and so does what
// the main views really show: the window is built once, then switched between the themes at
// runtime, so the views must also follow a theme change without being rebuilt.
#include "core/AppServices.h"
#include "tests/support/ExchangeBuilder.h"
#include "tests/ui/uitesthelpers.h"
#include "ui/BodyView.h"
#include "ui/CompareView.h"
#include "ui/MainWindow.h"
#include "ui/MatrixView.h"
#include "ui/RequestEditor.h"
#include "ui/RequestTab.h"
#include "ui/Theme.h"
#include "ui/TimingWaterfall.h"

#include <QApplication>
#include <QFrame>
#include <QHash>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTreeWidget>

#include <memory>

using namespace verbscope;
using ui::Theme;
using verbscope::test::child;

Q_DECLARE_METATYPE(ui::Theme::Role)

namespace {
constexpr double AA = 4.5;

// Empty when the pair is readable, else what is wrong, for the failure message.
QString unreadable(const QString &what, const QColor &fg, const QColor &bg)
{
    const double ratio = Theme::contrastRatio(fg, bg);
    if (ratio >= AA)
        return {};
    return QStringLiteral("%1: %2 on %3 is %4:1").arg(what, fg.name(), bg.name()).arg(ratio, 0, 'f', 2);
}

#define VERIFY_READABLE(what, fg, bg)                                                                                  \
    do {                                                                                                               \
        const QString problem = unreadable(what, fg, bg);                                                              \
        QVERIFY2(problem.isEmpty(), qPrintable(problem));                                                              \
    } while (false)

// What is on the screen where `w` is: the commonest pixel is the background, the pixel that
// differs most from it is the ink. Grabbed through the parent, so the background is the one the
// widget is really drawn on (a frame's banner colour, not the label's own palette).
Theme::Colors rendered(QWidget *w)
{
    QWidget *parent = w->parentWidget();
    const QImage image = (parent ? parent->grab(w->geometry()) : w->grab()).toImage();
    QHash<QRgb, int> count;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            ++count[image.pixel(x, y) | 0xff000000u];
    QRgb background = 0;
    int most = -1;
    for (auto it = count.cbegin(); it != count.cend(); ++it)
        if (it.value() > most) {
            most = it.value();
            background = it.key();
        }
    QColor ink(background);
    for (auto it = count.cbegin(); it != count.cend(); ++it)
        if (Theme::contrastRatio(QColor(it.key()), QColor(background)) > Theme::contrastRatio(ink, QColor(background)))
            ink = QColor(it.key());
    return { ink, QColor(background) };
}

void addThemes()
{
    QTest::addColumn<Settings::Appearance>("appearance");
    QTest::newRow("light") << Settings::Appearance::Light;
    QTest::newRow("dark") << Settings::Appearance::Dark;
}

void applyTheme(Settings::Appearance appearance)
{
    Theme::apply(appearance, 0);
    QCoreApplication::processEvents();
}

bool waitUntil(const std::function<bool()> &done, int ms = 30000)
{
    QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return done();
}

// A system palette that is dark but not ours: "follow system" must pick the dark set too.
QPalette foreignDarkPalette()
{
    QPalette p = Theme::lightPalette();
    const QColor window = QColor::fromRgb(0x33, 0x30, 0x3a);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::Base, window.darker(130));
    p.setColor(QPalette::Text, QColor::fromRgb(0xee, 0xee, 0xee));
    p.setColor(QPalette::WindowText, QColor::fromRgb(0xee, 0xee, 0xee));
    return p;
}

http::Exchange answer(int status, const http::HeaderList &headers, const QByteArray &body)
{
    return test::exchange().status(status).headers(headers).body(body);
}

// Each highlighted range of an editor's text against the editor's base.
void verifyFormats(QPlainTextEdit *edit, const char *what)
{
    const QColor base = edit->palette().color(QPalette::Base);
    int checked = 0;
    for (QTextBlock b = edit->document()->begin(); b.isValid(); b = b.next()) {
        // A highlighter's formats live in the layout, inserted text's in the fragments.
        QList<QTextLayout::FormatRange> formats = b.layout()->formats();
        for (auto f = b.begin(); !f.atEnd(); ++f)
            formats.append(
                { f.fragment().position() - b.position(), f.fragment().length(), f.fragment().charFormat() });
        for (const QTextLayout::FormatRange &r : std::as_const(formats)) {
            if (r.format.foreground().style() == Qt::NoBrush)
                continue;
            const QColor bg = r.format.background().style() == Qt::NoBrush ? base : r.format.background().color();
            VERIFY_READABLE(QStringLiteral("%1 \"%2\"").arg(QLatin1String(what), b.text().mid(r.start, r.length)),
                r.format.foreground().color(), bg);
            ++checked;
        }
    }
    QVERIFY2(checked > 0, what);
}

void verifyItems(QTableWidget *table, const char *what)
{
    const QColor base = table->palette().color(QPalette::Base);
    const QColor text = table->palette().color(QPalette::Text);
    QVERIFY(table->rowCount() > 0);
    for (int row = 0; row < table->rowCount(); ++row)
        for (int c = 0; c < table->columnCount(); ++c)
            if (const QTableWidgetItem *i = table->item(row, c))
                VERIFY_READABLE(QStringLiteral("%1 %2").arg(QLatin1String(what), i->text()),
                    i->foreground().style() == Qt::NoBrush ? text : i->foreground().color(),
                    i->background().style() == Qt::NoBrush ? base : i->background().color());
}
} // namespace

class tst_Theme final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QFile::remove(ui::TabStore::defaultPath()); // a first run: the demo server starts
        m_services = std::make_unique<AppServices>();
        m_window = std::make_unique<ui::MainWindow>(*m_services);
        m_window->setConfirm([](QWidget *, const QString &, const QString &) { return true; });
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(waitUntil([this] { return m_window->currentTab() && !m_window->currentTab()->isBusy(); }));
        // nginx's 405 without Allow: an HTML body, findings, a red badge.
        m_tab = m_window->newTab();
        m_tab->editor()->setMethod(QStringLiteral("DELETE"));
        m_tab->editor()->setUrl(m_window->demoUrl(QStringLiteral("/static/page.html")));
        m_tab->send();
        QVERIFY(waitUntil([this] { return !m_tab->isBusy(); }));
        QVERIFY(!m_window->findChildren<QLabel *>(QRegularExpression(QStringLiteral("^finding-"))).isEmpty());

        m_matrix = m_window->openMatrix({ m_window->demoUrl(QStringLiteral("/static/page.html")),
            m_window->demoUrl(QStringLiteral("/legacy/")), m_window->demoUrl(QStringLiteral("/api/items/1")) });
        QVERIFY(waitUntil([this] { return !m_matrix->isRunning(); }));

        m_compare = std::make_unique<ui::CompareView>();
        m_compare->setSides(
            { QStringLiteral("left"), answer(405, { { "Allow", "GET" }, { "Server", "a" } }, R"({"a": 1, "b": [1]})") },
            { QStringLiteral("right"), answer(200, { { "Server", "b" }, { "ETag", "x" } }, R"({"a": 2, "c": true})") });
        m_compare->show();
        m_textDiff = std::make_unique<ui::CompareView>();
        m_textDiff->setSides({ QStringLiteral("left"), answer(200, {}, "one\ntwo\nthree\n") },
            { QStringLiteral("right"), answer(200, {}, "one\n2\nthree\nfour\n") });
        m_textDiff->show();

        m_large = std::make_unique<ui::BodyView>();
        m_large->setBody(QByteArray(ui::BodyView::PrettyThreshold + 10, 'x'), {}, "text/plain");
        m_large->resize(800, 400);
        m_large->show();
        QVERIFY(m_large->isLarge());
    }

    void cleanupTestCase()
    {
        m_matrix->close();
        applyTheme(Settings::Appearance::System);
    }

    void contrastFormula()
    {
        QCOMPARE(Theme::contrastRatio(Qt::black, Qt::white), 21.0);
        QCOMPARE(Theme::contrastRatio(Qt::white, Qt::black), 21.0);
        QCOMPARE(Theme::contrastRatio(QColor(0x77, 0x77, 0x77), QColor(0x77, 0x77, 0x77)), 1.0);
        // #777 on white is the classic "just under AA" grey.
        QVERIFY(qAbs(Theme::contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white) - 4.48) < 0.01);
        QVERIFY(qAbs(Theme::relativeLuminance(QColor(0xff, 0x00, 0x00)) - 0.2126) < 1e-4);
    }

    void darkness()
    {
        QVERIFY(!Theme::isDark(Theme::lightPalette()));
        QVERIFY(Theme::isDark(Theme::darkPalette()));
        QVERIFY(Theme::isDark(foreignDarkPalette()));
    }

    void roles_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::addColumn<Theme::Role>("role");
        const std::pair<const char *, QPalette> palettes[] = { { "light", Theme::lightPalette() },
            { "dark", Theme::darkPalette() }, { "system-dark", foreignDarkPalette() } };
        for (const auto &[name, palette] : palettes)
            for (int r = 0; r < int(Theme::Role::Count); ++r) {
                const auto role = Theme::Role(r);
                QTest::addRow("%s/%s", name, qPrintable(Theme::roleName(role))) << palette << role;
            }
    }

    void roles()
    {
        QFETCH(QPalette, palette);
        QFETCH(Theme::Role, role);
        const Theme::Colors c = Theme::colors(role, palette);
        VERIFY_READABLE(Theme::roleName(role), c.foreground, c.background);
        // Text roles are drawn on windows and on lists alike.
        if (Theme::roleName(role).startsWith(QLatin1String("text-")))
            VERIFY_READABLE(
                Theme::roleName(role) + QStringLiteral(" on base"), c.foreground, palette.color(QPalette::Base));
    }

    void diagnosis_data() { addThemes(); }
    void diagnosis()
    {
        QFETCH(Settings::Appearance, appearance);
        applyTheme(appearance);
        for (const char *name : { "diagnosisVerdict", "diagnosisAnsweredBy", "statusExplanation" }) {
            auto *label = child<QLabel>(m_tab, name);
            QVERIFY(label && label->isVisible());
            const Theme::Colors shown = rendered(label);
            VERIFY_READABLE(QLatin1String(name), shown.foreground, shown.background);
        }
        // A finding: its severity chip (colours in its HTML) and its text.
        static const QRegularExpression chip(QStringLiteral("background:\\s*([^;]+);\\s*color:\\s*([^;'\"]+)"));
        const auto findings = m_tab->findChildren<QLabel *>(QRegularExpression(QStringLiteral("^finding-")));
        QVERIFY(!findings.isEmpty());
        for (QLabel *f : findings) {
            const QRegularExpressionMatch m = chip.match(f->text());
            QVERIFY2(m.hasMatch(), qPrintable(f->text()));
            VERIFY_READABLE(f->objectName() + QStringLiteral(" chip"), QColor::fromString(m.captured(2).trimmed()),
                QColor::fromString(m.captured(1).trimmed()));
            VERIFY_READABLE(
                f->objectName(), f->palette().color(QPalette::WindowText), f->palette().color(f->backgroundRole()));
            QVERIFY2(!f->text().contains(QLatin1String("palette(")), "rich text cannot resolve palette()");
        }
        auto *evidence = child<QTreeWidget>(m_tab, "diagnosisEvidence");
        for (int i = 0; i < evidence->topLevelItemCount(); ++i) {
            const QTreeWidgetItem *item = evidence->topLevelItem(i);
            const QBrush fg = item->foreground(0);
            VERIFY_READABLE(item->text(0),
                fg.style() == Qt::NoBrush ? evidence->palette().color(QPalette::Text) : fg.color(),
                evidence->palette().color(QPalette::Base));
        }
    }

    void response_data() { addThemes(); }
    void response()
    {
        QFETCH(Settings::Appearance, appearance);
        applyTheme(appearance);
        auto *badge = child<QLabel>(m_tab, "statusBadge");
        QVERIFY(badge->text().startsWith(QLatin1String("405")));
        const Theme::Colors shown = rendered(badge);
        VERIFY_READABLE(QStringLiteral("status badge"), shown.foreground, shown.background);
        auto *timing = child<ui::TimingWaterfall>(m_tab, "timingWaterfall");
        QVERIFY(!timing->bars().isEmpty());
        for (const ui::TimingWaterfall::Bar &b : timing->bars())
            VERIFY_READABLE(
                b.label, Theme::colors(b.role, timing->palette()).foreground, timing->palette().color(QPalette::Base));
    }

    // The response body is nginx's HTML error page: tags, attributes and strings coloured.
    void htmlBody_data() { addThemes(); }
    void htmlBody()
    {
        QFETCH(Settings::Appearance, appearance);
        applyTheme(appearance);
        auto *body = child<QPlainTextEdit>(m_tab, "responseBody");
        QVERIFY(body->toPlainText().contains(QLatin1String("<html")));
        verifyFormats(body, "body");
    }

    void largeBodyBanner_data() { addThemes(); }
    void largeBodyBanner()
    {
        QFETCH(Settings::Appearance, appearance);
        applyTheme(appearance);
        // One view lived through the switch, one is made in the theme (the app started in it).
        ui::BodyView fresh;
        fresh.setBody(QByteArray(ui::BodyView::PrettyThreshold + 10, 'x'), {}, "text/plain");
        fresh.resize(800, 400);
        fresh.show();
        for (ui::BodyView *view : { m_large.get(), &fresh }) {
            auto *text = child<QLabel>(view, "largeBodyText");
            QVERIFY(text->isVisible());
            const Theme::Colors shown = rendered(text);
            VERIFY_READABLE(QStringLiteral("large-body banner"), shown.foreground, shown.background);
        }
    }

    void compareView_data() { addThemes(); }
    void compareView()
    {
        QFETCH(Settings::Appearance, appearance);
        applyTheme(appearance);
        for (const char *name : { "compareLeftStatus", "compareRightStatus" }) {
            auto *label = child<QLabel>(m_compare.get(), name);
            QVERIFY(label->property("differs").toBool());
            const Theme::Colors shown = rendered(label);
            VERIFY_READABLE(QLatin1String(name), shown.foreground, shown.background);
        }
        verifyItems(child<QTableWidget>(m_compare.get(), "compareHeaders"), "header");
        verifyItems(child<QTableWidget>(m_compare.get(), "compareJson"), "json");
        verifyFormats(child<QPlainTextEdit>(m_textDiff.get(), "compareText"), "text diff");
    }

    void matrixView_data() { addThemes(); }
    void matrixView()
    {
        QFETCH(Settings::Appearance, appearance);
        applyTheme(appearance);
        auto *table = child<QTableView>(m_matrix, "matrixTable");
        const QAbstractItemModel *model = table->model();
        const QColor base = table->palette().color(QPalette::Base);
        const QColor text = table->palette().color(QPalette::Text);
        int coloured = 0;
        for (int row = 0; row < model->rowCount(); ++row)
            for (int c = 0; c < model->columnCount(); ++c) {
                const QModelIndex i = model->index(row, c);
                const QVariant fg = i.data(Qt::ForegroundRole);
                const QVariant bg = i.data(Qt::BackgroundRole);
                coloured += bg.isValid();
                VERIFY_READABLE(i.data().toString(), fg.isValid() ? fg.value<QBrush>().color() : text,
                    bg.isValid() ? bg.value<QBrush>().color() : base);
            }
        QVERIFY(coloured > 0);
    }

private:
    std::unique_ptr<AppServices> m_services; // outlives the window
    std::unique_ptr<ui::MainWindow> m_window;
    ui::RequestTab *m_tab = nullptr;
    ui::MatrixView *m_matrix = nullptr;
    std::unique_ptr<ui::CompareView> m_compare;
    std::unique_ptr<ui::CompareView> m_textDiff;
    std::unique_ptr<ui::BodyView> m_large;
};

QTEST_MAIN(tst_Theme)
#include "tst_theme.moc"
