package dev.nethergaze.ui.tui.filter;

import dev.nethergaze.detect.Filter;
import dev.nethergaze.detect.FilterException;
import dev.nethergaze.model.IpView;

/**
 * The console's {@code f} filter: the one filter language of {@code --filter} and the web API
 * ({@link Filter}), so an expression tried on the command line works the same in the console.
 */
public final class LanguageFilterParser implements FilterParser {

    @Override
    public IpFilter parse(String text) throws FilterSyntaxException {
        Filter f;
        try {
            f = Filter.parse(text);
        } catch (FilterException e) {
            throw new FilterSyntaxException(e.getMessage());
        }
        if (f.matchesAll()) {
            return IpFilter.ALL;
        }
        String described = f.toString();
        return new IpFilter() {
            @Override
            public boolean test(IpView v) {
                return f.test(v);
            }

            @Override
            public String describe() {
                return described;
            }
        };
    }
}
