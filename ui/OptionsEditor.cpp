// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/OptionsEditor.h"

#include "core/Duration.h"

#include "core/Settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

#include <cmath>

// The Options page of RequestEditor. A new tab starts from the Settings defaults; afterwards the
// tab keeps its own options, so changing Settings never alters an open tab.
namespace verbscope::ui {

using http::RequestOptions;

namespace {
// Seconds with millisecond precision, written as short as it can be ("1.5 s", "30 s"): a
// `# @timeout 1500ms` must survive being shown and saved again.
class SecondsBox final : public QDoubleSpinBox
{
public:
    using QDoubleSpinBox::QDoubleSpinBox;
    QString textFromValue(double value) const override { return QString::number(value, 'g', 12); }
};

QDoubleSpinBox *seconds(const QString &name, double min, const QString &special, QWidget *parent)
{
    auto *s = new SecondsBox(parent);
    s->setObjectName(name);
    s->setDecimals(3);
    s->setRange(min, double(Duration::MaxTimeoutMs) / 1000.0);
    s->setSuffix(QStringLiteral(" s"));
    s->setSpecialValueText(special);
    return s;
}

QCheckBox *check(const QString &name, const QString &text, QWidget *parent)
{
    auto *c = new QCheckBox(text, parent);
    c->setObjectName(name);
    return c;
}
} // namespace

OptionsEditor::OptionsEditor(QWidget *parent)
    : QWidget(parent)
    , m_idleTimeout(seconds(QStringLiteral("optIdleTimeout"), 0.001, QString(), this))
    , m_totalTimeout(seconds(QStringLiteral("optTotalTimeout"), 0, tr("no limit"), this))
    , m_follow(check(QStringLiteral("optFollow"), tr("Follow redirects (every hop is recorded with its method)"), this))
    , m_maxRedirects(new QSpinBox(this))
    , m_verifyTls(check(QStringLiteral("optVerifyTls"), tr("Verify TLS certificates"), this))
    , m_proxy(new QLineEdit(this))
    , m_envProxy(check(
          QStringLiteral("optEnvProxy"), tr("Use http_proxy / https_proxy / no_proxy from the environment"), this))
    , m_transport(new QComboBox(this))
    , m_http2(check(QStringLiteral("optHttp2"), tr("Allow HTTP/2 (Qt transport, https only)"), this))
{
    setObjectName(QStringLiteral("optionsEditor"));
    m_maxRedirects->setObjectName(QStringLiteral("optMaxRedirects"));
    m_maxRedirects->setRange(1, 100);
    m_proxy->setObjectName(QStringLiteral("optProxy"));
    m_proxy->setPlaceholderText(tr("http://proxy:3128 (empty: none, or the environment's)"));
    m_transport->setObjectName(QStringLiteral("optTransport"));
    m_transport->addItem(tr("Qt (QNetworkAccessManager: HTTP/1.1 and HTTP/2, Qt's view of the answer)"));
    m_transport->addItem(tr("Wire (HTTP/1.1 byte for byte: exact request and response)"));

    auto *form = new QFormLayout(this);
    form->addRow(tr("Idle timeout"), m_idleTimeout);
    form->addRow(tr("Total deadline"), m_totalTimeout);
    form->addRow(QString(), m_follow);
    form->addRow(tr("At most"), m_maxRedirects);
    form->addRow(QString(), m_verifyTls);
    form->addRow(tr("Proxy"), m_proxy);
    form->addRow(QString(), m_envProxy);
    form->addRow(tr("Transport"), m_transport);
    form->addRow(QString(), m_http2);
    RequestOptions defaults;
    Settings().applyRequestDefaults(defaults); // File ▸ Settings: timeout, proxy, TLS
    setOptions(defaults);

    for (QDoubleSpinBox *s : { m_idleTimeout, m_totalTimeout })
        connect(s, &QDoubleSpinBox::valueChanged, this, &OptionsEditor::edited);
    connect(m_maxRedirects, &QSpinBox::valueChanged, this, &OptionsEditor::edited);
    for (QCheckBox *c : { m_follow, m_verifyTls, m_envProxy, m_http2 })
        connect(c, &QCheckBox::toggled, this, &OptionsEditor::edited);
    connect(m_follow, &QCheckBox::toggled, m_maxRedirects, &QWidget::setEnabled);
    connect(m_proxy, &QLineEdit::textChanged, this, &OptionsEditor::edited);
    connect(m_transport, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_http2->setEnabled(i == 0); // the wire transport speaks HTTP/1.1 only
        Q_EMIT edited();
    });
}

OptionsEditor::~OptionsEditor() = default;

// HTTP/2 is only ever allowed with the Qt transport: the wire transport speaks HTTP/1.1 alone,
// whatever the (disabled) box still shows.
void OptionsEditor::apply(RequestOptions &o) const
{
    o.idleTimeoutMs = int(std::lround(m_idleTimeout->value() * 1000.0));
    o.totalTimeoutMs = int(std::lround(m_totalTimeout->value() * 1000.0));
    o.redirects = m_follow->isChecked() ? http::RedirectMode::Follow : http::RedirectMode::Off;
    o.maxRedirects = m_maxRedirects->value();
    o.verifyTls = m_verifyTls->isChecked();
    o.proxy = m_proxy->text().trimmed();
    o.useEnvironmentProxy = m_envProxy->isChecked();
    o.transport = m_transport->currentIndex() == 1 ? http::TransportKind::Wire : http::TransportKind::Qt;
    o.allowHttp2 = o.transport == http::TransportKind::Qt && m_http2->isChecked();
}

// The spin boxes count seconds to the millisecond. The idle timeout never drops to 0, which would mean no
// timeout at all and a stalled server hanging the tab (QT-FACTS, top finding 6).
void OptionsEditor::setOptions(const RequestOptions &o)
{
    m_idleTimeout->setValue(std::max(1, o.idleTimeoutMs) / 1000.0);
    m_totalTimeout->setValue(o.totalTimeoutMs / 1000.0);
    m_follow->setChecked(o.redirects == http::RedirectMode::Follow);
    m_maxRedirects->setValue(o.maxRedirects);
    m_maxRedirects->setEnabled(m_follow->isChecked());
    m_verifyTls->setChecked(o.verifyTls);
    m_proxy->setText(o.proxy);
    m_envProxy->setChecked(o.useEnvironmentProxy);
    m_transport->setCurrentIndex(o.transport == http::TransportKind::Wire ? 1 : 0);
    m_http2->setChecked(o.allowHttp2);
    m_http2->setEnabled(o.transport == http::TransportKind::Qt);
}

// The HTTP/2 box is saved as shown even while the wire transport is chosen, so switching back to
// Qt restores the user's choice.
QJsonObject OptionsEditor::saveState() const
{
    RequestOptions o;
    apply(o);
    return { { QStringLiteral("idleTimeoutMs"), o.idleTimeoutMs },
        { QStringLiteral("totalTimeoutMs"), o.totalTimeoutMs },
        { QStringLiteral("follow"), o.redirects == http::RedirectMode::Follow },
        { QStringLiteral("maxRedirects"), o.maxRedirects }, { QStringLiteral("verifyTls"), o.verifyTls },
        { QStringLiteral("proxy"), o.proxy }, { QStringLiteral("environmentProxy"), o.useEnvironmentProxy },
        { QStringLiteral("transport"),
            o.transport == http::TransportKind::Wire ? QStringLiteral("wire") : QStringLiteral("qt") },
        { QStringLiteral("http2"), m_http2->isChecked() } };
}

// A missing key takes RequestOptions' default, so tabs saved by an older version still restore.
void OptionsEditor::restoreState(const QJsonObject &s)
{
    const RequestOptions d;
    RequestOptions o;
    o.idleTimeoutMs = s.value(QStringLiteral("idleTimeoutMs")).toInt(d.idleTimeoutMs);
    o.totalTimeoutMs = s.value(QStringLiteral("totalTimeoutMs")).toInt(d.totalTimeoutMs);
    o.redirects = s.value(QStringLiteral("follow")).toBool() ? http::RedirectMode::Follow : http::RedirectMode::Off;
    o.maxRedirects = s.value(QStringLiteral("maxRedirects")).toInt(d.maxRedirects);
    o.verifyTls = s.value(QStringLiteral("verifyTls")).toBool(true);
    o.proxy = s.value(QStringLiteral("proxy")).toString();
    o.useEnvironmentProxy = s.value(QStringLiteral("environmentProxy")).toBool(true);
    o.transport = s.value(QStringLiteral("transport")).toString() == QLatin1String("wire") ? http::TransportKind::Wire
                                                                                           : http::TransportKind::Qt;
    o.allowHttp2 = s.value(QStringLiteral("http2")).toBool();
    setOptions(o);
}

} // namespace verbscope::ui
