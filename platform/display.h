// The display's density: DPI from SDL (96 when unknown) and sizes in millimetres turned to pixels.
#pragma once

namespace tidings::platform {

// What the reader knows about the screen it draws on.
struct DisplayMetrics {
    float dpi = 96.0f;      // dots per inch along the diagonal; 96 when the system gives none
    bool measured = false;  // true when the DPI came from the system, not the fallback
};

// Asks SDL (video must be initialised) for the DPI of DISPLAY_INDEX. Implausible values (below
// 50 or above 1000, as some virtual screens report) fall back to 96.
DisplayMetrics display_metrics(int display_index);

// MM millimetres in pixels at DPI.
inline float mm_to_px(float mm, float dpi) { return mm * dpi / 25.4f; }

// The scale of the interface: a desktop or kiosk screen (up to about 140 DPI, read at arm's
// length) is measured against 96 DPI; a dense hand-held screen (read closer) against 160 DPI,
// as phones define their density-independent pixel. Never below 1, never above 4.
float ui_scale_for_dpi(float dpi);

} // namespace tidings::platform
