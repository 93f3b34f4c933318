// The queue's filter bar and search box; values live in the queue slice.
import { useId, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { CASE_KINDS, CASE_STATUSES } from '../../../shared';
import { useAppStore } from '../../state/app-store';
import type { QueueFilters as Filters } from '../../state/queue-slice';
import { useDesk } from '../session/desk-context';

interface SelectFilterProps<K extends keyof Filters> {
  name: K;
  options: readonly { value: string; label: string }[];
  withAny?: boolean;
}

function SelectFilter<K extends keyof Filters>({ name, options, withAny = true }: SelectFilterProps<K>) {
  const { t } = useTranslation();
  const id = useId();
  const value = useAppStore((s) => s.filters[name]);
  const setFilter = useAppStore((s) => s.setFilter);
  return (
    <div className="filter">
      <label htmlFor={id}>{t(`queue.filter.${name}`)}</label>
      <select id={id} value={value} onChange={(event) => setFilter(name, event.target.value as Filters[K])}>
        {withAny && <option value="">{t('queue.any')}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function QueueFilters({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const searchId = useId();
  const hintId = useId();
  const { searchText, setSearchText, clearFilters } = useAppStore(
    useShallow((s) => ({
      searchText: s.searchText,
      setSearchText: s.setSearchText,
      clearFilters: s.clearFilters,
    })),
  );
  const config = desk.store.directory?.config;
  return (
    <div className="queue-filters">
      <div className="field queue-filters__search">
        <label htmlFor={searchId}>{t('queue.search')}</label>
        <input
          id={searchId}
          ref={searchRef}
          type="search"
          value={searchText}
          aria-describedby={hintId}
          onChange={(event) => setSearchText(event.target.value)}
        />
        <small id={hintId}>{t('queue.searchHint')}</small>
      </div>
      <fieldset className="queue-filters__grid">
        <legend>{t('queue.filters')}</legend>
        <SelectFilter
          name="status"
          options={CASE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <SelectFilter
          name="topic"
          options={(config?.topics ?? []).map((c) => ({ value: c.key, label: c.name }))}
        />
        <SelectFilter
          name="channel"
          options={(config?.channels ?? []).map((c) => ({ value: c.key, label: c.name }))}
        />
        <SelectFilter name="kind" options={CASE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        <SelectFilter
          name="urgency"
          options={(['normal', 'urgent'] as const).map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
        />
        <SelectFilter
          name="deadline"
          options={(['on_track', 'due_soon', 'overdue'] as const).map((d) => ({
            value: d,
            label: t(`deadline.${d}`),
          }))}
        />
        <SelectFilter
          name="scope"
          withAny={false}
          options={(['all', 'mine', 'my_unit'] as const).map((s) => ({
            value: s,
            label: t(`queue.scope.${s}`),
          }))}
        />
        <button type="button" className="button-secondary" onClick={clearFilters}>
          {t('queue.clearFilters')}
        </button>
      </fieldset>
    </div>
  );
}
