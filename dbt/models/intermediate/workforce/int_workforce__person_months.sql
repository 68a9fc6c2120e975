-- Person x month for every roster row counting in headcount (active or suspended; 第6条), with
-- the person's statutory retirement month and what the next month's roster shows
-- (docs/workforce-forecast.md). A person-month "ends in a separation" when the person's next
-- roster row is separated or the person is absent from the next month's roster; the
-- separation is classified
--   retirement  the next month is on or after the statutory retirement month;
--   contract    else, contract_end falls in this month or the next (第16条 劳动合同, 第28条
--               考核结果作为续签劳动合同的主要依据: the contract was not renewed);
--   attrition   otherwise.
-- A contract end (is_contract_end) is counted once, on the person's last counting row
-- carrying that contract_end in its month or the month before: the row whose next month
-- shows whether the contract went on.
with

person_months as (

    select * from {{ ref('int_roster__person_months') }}

),

-- gender is not carried by the person-months: from the roster rows themselves
roster as (

    select snapshot_month, person_key, gender from {{ ref('stg_roster__monthly_snapshots') }}

),

rules as (

    select * from {{ ref('ref_retirement_rules') }}

),

-- each province's latest roster month: a row has an outcome when its province has a later one
bounds as (

    select province_code, max(month) as last_month
    from person_months
    group by province_code

),

sequenced as (

    select
        person_months.*,
        roster.gender,
        lead(person_months.month) over (
            partition by person_months.person_key order by person_months.month
        ) as next_row_month,
        lead(person_months.counts_in_headcount) over (
            partition by person_months.person_key order by person_months.month
        ) as next_row_counts,
        lead(person_months.contract_end) over (
            partition by person_months.person_key order by person_months.month
        ) as next_row_contract_end
    from person_months
    left join roster
        on roster.snapshot_month = person_months.month
        and roster.person_key = person_months.person_key

),

counting as (

    select
        sequenced.*,
        cast({{ dbt.dateadd('month', 1, 'sequenced.month') }} as date) as next_month,
        {{ month_start('sequenced.contract_end') }} as contract_end_month,
        {{ statutory_retirement_month('sequenced.birth_date', 'rules') }} as retirement_month,
        sequenced.month < bounds.last_month as has_outcome
    from sequenced
    inner join bounds
        on bounds.province_code = sequenced.province_code
    left join rules
        on rules.gender = sequenced.gender
        and rules.category = sequenced.category
    where sequenced.counts_in_headcount

),

flagged as (

    select
        counting.*,
        {{ tenure_band('counting.hire_date', 'counting.next_month') }} as next_month_tenure_band,
        coalesce(counting.retirement_month <= counting.next_month, false) as is_due_to_retire,
        coalesce(counting.contract_end_month between counting.month and counting.next_month, false)
            as contract_ends_by_next_month,
        counting.has_outcome
            and not coalesce(
                counting.next_row_month = counting.next_month and counting.next_row_counts,
                false
            ) as separates_next_month,
        coalesce(
            counting.next_row_month = counting.next_month
            and counting.next_row_counts
            and counting.next_row_contract_end = counting.contract_end,
            false
        ) as next_row_keeps_contract
    from counting

),

final as (

    select
        -- grain
        month,
        person_key,

        -- where and who on this row
        bureau_code,
        province_code,
        prefecture_code,
        category,
        gender,
        birth_date,
        hire_date,
        contract_end,
        contract_end_month,
        retirement_month,

        -- the next month
        next_month,
        next_month_tenure_band,
        has_outcome,
        is_due_to_retire,
        separates_next_month,
        case
            when not separates_next_month then null
            when is_due_to_retire then 'retirement'
            when contract_ends_by_next_month then 'contract'
            else 'attrition'
        end as separation_kind,
        has_outcome
            and not is_due_to_retire
            and contract_ends_by_next_month
            and not (contract_end_month = next_month and next_row_keeps_contract)
            as is_contract_end
    from flagged

)

select * from final
