<%@ Page Language="C#" AutoEventWireup="true" %>
<script runat="server">
    protected void Page_Load(object sender, EventArgs e)
    {
        string page = Request.QueryString["page"] ?? "home";
        Title.Text = Server.HtmlEncode(page);
        var proc = System.Diagnostics.Process.GetCurrentProcess();
        Memory.Text = (proc.WorkingSet64 / 1024 / 1024).ToString() + " MB";
    }
</script>
<html>
<head><title><asp:Literal ID="Title" runat="server" /></title></head>
<body>
  <form runat="server">
    <asp:TextBox ID="Search" runat="server" />
    <asp:Button ID="Go" runat="server" Text="Search" />
    <p>Server memory: <asp:Literal ID="Memory" runat="server" /></p>
  </form>
</body>
</html>
