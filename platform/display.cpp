// Display density via SDL_GetDisplayDPI with a 96 DPI fallback.
#include "platform/display.h"

#include <SDL.h>

#include <algorithm>

namespace tidings::platform {

DisplayMetrics display_metrics(int display_index) {
    DisplayMetrics m;
    float ddpi = 0, hdpi = 0, vdpi = 0;
    if (SDL_GetDisplayDPI(display_index, &ddpi, &hdpi, &vdpi) == 0) {
        float dpi = hdpi > 0 ? hdpi : ddpi;
        if (dpi >= 50.0f && dpi <= 1000.0f) {
            m.dpi = dpi;
            m.measured = true;
        }
    }
    return m;
}

float ui_scale_for_dpi(float dpi) {
    float s = dpi <= 140.0f ? dpi / 96.0f : std::max(140.0f / 96.0f, dpi / 160.0f);
    return std::clamp(s, 1.0f, 4.0f);
}

} // namespace tidings::platform
