-inps = INPS
welcome = مرحبًا بكم في مركز الاتصال التابع لـ { -inps }.
menu = اضغط 1 للمعلومات، و2 للخدمات الآلية.
    .retry = اختيار غير صالح. { menu }
amount-due = المبلغ المستحق هو { $amount }، قبل { $deadline }.
tax-code-heard = لقد أدخلت { $code }.
open-requests = { $count ->
    [zero] ليس لديك أي طلب مفتوح.
    [one] لديك طلب مفتوح واحد.
    [two] لديك طلبان مفتوحان.
    [few] لديك { $count } طلبات مفتوحة.
    [many] لديك { $count } طلبًا مفتوحًا.
   *[other] لديك { $count } طلب مفتوح.
}
