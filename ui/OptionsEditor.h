// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/RequestSpec.h"

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace verbscope::ui {

// Per-request options, one control per field of http::RequestOptions that a user sets:
// timeouts, redirects, TLS verification, proxy, transport (Qt or wire), HTTP/2.
class OptionsEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OptionsEditor)
public:
    explicit OptionsEditor(QWidget *parent = nullptr);
    ~OptionsEditor() override;

    // Fills the user-visible fields of `options`, leaving the others as they are.
    void apply(http::RequestOptions &options) const;
    void setOptions(const http::RequestOptions &options);

    QJsonObject saveState() const;
    void restoreState(const QJsonObject &state);

Q_SIGNALS:
    void edited();

private:
    QDoubleSpinBox *m_idleTimeout;
    QDoubleSpinBox *m_totalTimeout;
    QCheckBox *m_follow;
    QSpinBox *m_maxRedirects;
    QCheckBox *m_verifyTls;
    QLineEdit *m_proxy;
    QCheckBox *m_envProxy;
    QComboBox *m_transport;
    QCheckBox *m_http2;
};

} // namespace verbscope::ui
